package io.github.sagemakerstreaming.sample;

import java.util.Map;
import java.util.UUID;

import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebSession;

/**
 * Agent mode: a question goes through Spring AI's {@code ChatClient} over the SageMaker
 * chat model, with chat memory kept on the server and one tool, {@link CityClock}. The
 * answer streams as {@code token} events, then a {@code tool} event for each tool that
 * ran, then {@code done}. The client's builder and the chat memory are Spring AI's own
 * beans, so that the calls are observed and measured as with any other provider.
 * <p>
 * The conversation belongs to the browser's session: the server makes its id (a random
 * UUID) and keeps it in the {@link WebSession}, whose id travels only in the session
 * cookie, so no request can name another browser's conversation.
 */
@RestController
class AgentController {

	private static final String CONVERSATION = AgentController.class.getName() + ".conversation";

	private static final int MAX_QUESTION_LENGTH = 8000;

	private final ChatMemory memory;

	private final ChatClient chat;

	AgentController(ChatClient.Builder chatClient, ChatMemory memory, ChatSettings settings) {
		this.memory = memory;
		ChatClient.Builder builder = chatClient.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build());
		if (StringUtils.hasText(settings.systemPrompt())) {
			builder.defaultSystem(settings.systemPrompt());
		}
		this.chat = builder.build();
	}

	@PostMapping("/api/agent")
	Flux<ServerSentEvent<Object>> ask(@RequestBody AgentQuestion question, WebSession session) {
		question.check();
		String conversationId = session.getAttributes()
			.computeIfAbsent(CONVERSATION, (name) -> UUID.randomUUID().toString())
			.toString();
		return Flux.defer(() -> {
			CityClock clock = new CityClock();
			return this.chat.prompt()
				.user(question.question())
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversationId))
				.tools(clock)
				.stream()
				.chatResponse()
				.mapNotNull(AgentController::text)
				.map((token) -> StreamController.event("token", Map.of("token", token)))
				.concatWith(Flux.defer(() -> Flux.fromIterable(clock.runs())
					.map((run) -> StreamController.event("tool", run))
					.concatWithValues(StreamController.event("done", Map.of("agent", true)))))
				.onErrorResume(StreamingInferenceException.class, (ex) -> Mono.just(ErrorEvents.of(ex)));
		});
	}

	/**
	 * Starts a new conversation for this browser, forgetting the one it had.
	 */
	@DeleteMapping("/api/agent/conversation")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void forget(WebSession session) {
		Object conversationId = session.getAttributes().remove(CONVERSATION);
		if (conversationId != null) {
			this.memory.clear(conversationId.toString());
		}
	}

	private static @Nullable String text(ChatResponse response) {
		String text = (response.getResult() != null) ? response.getResult().getOutput().getText() : null;
		return (text == null || text.isEmpty()) ? null : text;
	}

	/**
	 * The body of {@code POST /api/agent}: the question alone, as the conversation is the
	 * session's.
	 *
	 * @param question the question, at most {@value #MAX_QUESTION_LENGTH} characters
	 */
	record AgentQuestion(String question) {

		void check() {
			if (!StringUtils.hasText(this.question) || this.question.length() > MAX_QUESTION_LENGTH) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"The question must have 1 to " + MAX_QUESTION_LENGTH + " characters.");
			}
		}

	}

}
