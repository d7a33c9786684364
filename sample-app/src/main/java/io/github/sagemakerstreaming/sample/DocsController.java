package io.github.sagemakerstreaming.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.document.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Ask the docs: the README's sections nearest a question (from {@link DocsLibrary}) go
 * into the system message, and the chat model's answer streams as {@code token} events,
 * then one {@code section} event per section it was given, nearest first, then
 * {@code done}.
 */
@RestController
class DocsController {

	private static final int SECTIONS = 3;

	private static final int MAX_QUESTION_LENGTH = 2000;

	/** The most characters of one section put in the prompt. */
	private static final int MAX_SECTION_LENGTH = 6000;

	private static final int EXCERPT_LENGTH = 240;

	private final DocsLibrary library;

	private final ChatClient chat;

	DocsController(DocsLibrary library, ChatModel chatModel) {
		this.library = library;
		this.chat = ChatClient.create(chatModel);
	}

	@PostMapping("/api/docs")
	Flux<ServerSentEvent<Object>> ask(@RequestBody DocsQuestion question) {
		question.check();
		return Mono.fromCallable(() -> this.library.nearest(question.question(), SECTIONS))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap(IllegalStateException.class,
					(ex) -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()))
			.flatMapMany((sections) -> answer(question.question(), sections))
			.onErrorResume(StreamingInferenceException.class, (ex) -> Mono.just(ErrorEvents.of(ex)));
	}

	private Flux<ServerSentEvent<Object>> answer(String question, List<Document> sections) {
		StringBuilder system = new StringBuilder(
				"Answer the question from these sections of the documentation, and say so when they do not answer it.");
		for (Document section : sections) {
			String text = (section.getText() != null) ? section.getText() : "";
			system.append("\n\n").append(text, 0, Math.min(text.length(), MAX_SECTION_LENGTH));
		}
		return this.chat.prompt()
			.system(system.toString())
			.user(question)
			.stream()
			.content()
			.filter(StringUtils::hasLength)
			.map((token) -> StreamController.event("token", Map.of("token", token)))
			.concatWith(Flux.fromIterable(sections).map(DocsController::sectionEvent))
			.concatWithValues(StreamController.event("done", Map.of("docs", true)));
	}

	private static ServerSentEvent<Object> sectionEvent(Document section) {
		String text = (section.getText() != null) ? section.getText() : "";
		String body = text.substring(text.indexOf('\n') + 1).strip();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("title", section.getMetadata().getOrDefault(DocsLibrary.TITLE, ""));
		data.put("excerpt", (body.length() > EXCERPT_LENGTH) ? body.substring(0, EXCERPT_LENGTH) + "…" : body);
		return StreamController.event("section", data);
	}

	/**
	 * The body of {@code POST /api/docs}.
	 *
	 * @param question the question, at most {@value #MAX_QUESTION_LENGTH} characters
	 */
	record DocsQuestion(String question) {

		void check() {
			if (!StringUtils.hasText(this.question) || this.question.length() > MAX_QUESTION_LENGTH) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"The question must have 1 to " + MAX_QUESTION_LENGTH + " characters.");
			}
		}

	}

}
