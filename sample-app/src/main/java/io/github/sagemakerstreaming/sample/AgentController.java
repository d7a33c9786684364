package io.github.sagemakerstreaming.sample;

import java.util.Map;
import java.util.regex.Pattern;

import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Agent mode: a question goes through Spring AI's {@code ChatClient} over the SageMaker
 * chat model, with chat memory kept on the server by conversation id and one tool,
 * {@link CityClock}. The answer streams as {@code token} events, then a {@code tool}
 * event for each tool that ran, then {@code done}.
 */
@RestController
class AgentController {

	private static final Pattern CONVERSATION_ID = Pattern.compile("[0-9a-fA-F-]{8,64}");

	private static final int MAX_QUESTION_LENGTH = 8000;

	private static final int MAX_CONVERSATIONS = 1000;

	private final ChatClient chat;

	AgentController(ChatModel chatModel, ChatSettings settings) {
		ChatMemory memory = MessageWindowChatMemory.builder()
			.chatMemoryRepository(new BoundedChatMemoryRepository(MAX_CONVERSATIONS))
			.maxMessages(settings.maxMessages())
			.build();
		ChatClient.Builder builder = ChatClient.builder(chatModel)
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build());
		if (StringUtils.hasText(settings.systemPrompt())) {
			builder.defaultSystem(settings.systemPrompt());
		}
		this.chat = builder.build();
	}

	@PostMapping("/api/agent")
	Flux<ServerSentEvent<Object>> ask(@RequestBody AgentQuestion question) {
		question.check();
		return Flux.defer(() -> {
			CityClock clock = new CityClock();
			return this.chat.prompt()
				.user(question.question())
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, question.conversationId()))
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

	private static @Nullable String text(ChatResponse response) {
		String text = (response.getResult() != null) ? response.getResult().getOutput().getText() : null;
		return (text == null || text.isEmpty()) ? null : text;
	}

	/**
	 * The body of {@code POST /api/agent}.
	 *
	 * @param conversationId the conversation the question belongs to, made by the page (a
	 * UUID)
	 * @param question the question, at most {@value #MAX_QUESTION_LENGTH} characters
	 */
	record AgentQuestion(String conversationId, String question) {

		void check() {
			if (this.conversationId == null || !CONVERSATION_ID.matcher(this.conversationId).matches()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The conversationId must be a UUID.");
			}
			if (!StringUtils.hasText(this.question) || this.question.length() > MAX_QUESTION_LENGTH) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"The question must have 1 to " + MAX_QUESTION_LENGTH + " characters.");
			}
		}

	}

}
