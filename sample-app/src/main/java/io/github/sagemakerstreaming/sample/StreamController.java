package io.github.sagemakerstreaming.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Relays a chat answer to the browser as server-sent events: one {@code token} event a
 * token, whose data is JSON so that leading spaces and newlines survive,
 * {@code reasoning} events for what a reasoning model thinks before it answers, then a
 * {@code done} event with the stream's figures and token usage, or an {@code error} event
 * with the failure's code and a sentence safe to show anyone. The full message, which may
 * name the endpoint and the account, goes to the server log with the request id. When the
 * browser goes away, the upstream stream is cancelled and its connection closed.
 */
@RestController
class StreamController {

	private final StreamingInferenceTemplate template;

	private final ChatSettings settings;

	StreamController(StreamingInferenceTemplate template, ChatSettings settings) {
		this.template = template;
		this.settings = settings;
	}

	@PostMapping("/api/stream")
	Flux<ServerSentEvent<Object>> stream(@RequestBody StreamRequest request) {
		var inference = request.toInferenceRequest(this.settings);
		return Flux.defer(() -> {
			StreamFigures figures = new StreamFigures();
			return this.template.streamChunks(inference)
				.map(figures::count)
				.flatMapIterable((chunk) -> chunk.last() ? List.of(event("done", figures.done(chunk))) : events(chunk))
				.onErrorResume(StreamingInferenceException.class, (ex) -> Mono.just(ErrorEvents.of(ex)));
		});
	}

	@ExceptionHandler(InvalidInferenceRequestException.class)
	ProblemDetail invalidRequest(InvalidInferenceRequestException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	private static List<ServerSentEvent<Object>> events(InferenceChunk chunk) {
		List<ServerSentEvent<Object>> events = new ArrayList<>(2);
		if (!chunk.reasoning().isEmpty()) {
			events.add(event("reasoning", Map.of("reasoning", chunk.reasoning())));
		}
		if (!chunk.text().isEmpty()) {
			events.add(event("token", Map.of("token", chunk.text())));
		}
		return events;
	}

	static ServerSentEvent<Object> event(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

}
