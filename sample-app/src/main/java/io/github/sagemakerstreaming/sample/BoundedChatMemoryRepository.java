package io.github.sagemakerstreaming.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * Keeps the most recently used conversations in memory, forgetting the oldest beyond a
 * bound, so that many browsers, or sessions that expired, cannot fill the server's
 * memory.
 */
class BoundedChatMemoryRepository implements ChatMemoryRepository {

	private final Map<String, List<Message>> conversations;

	BoundedChatMemoryRepository(int maxConversations) {
		this.conversations = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, List<Message>> eldest) {
				return size() > maxConversations;
			}

		};
	}

	@Override
	public synchronized List<String> findConversationIds() {
		return new ArrayList<>(this.conversations.keySet());
	}

	@Override
	public synchronized List<Message> findByConversationId(String conversationId) {
		return List.copyOf(this.conversations.getOrDefault(conversationId, List.of()));
	}

	@Override
	public synchronized void saveAll(String conversationId, List<Message> messages) {
		this.conversations.put(conversationId, List.copyOf(messages));
	}

	@Override
	public synchronized void deleteByConversationId(String conversationId) {
		this.conversations.remove(conversationId);
	}

}
