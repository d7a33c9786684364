package io.github.sagemakerstreaming.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What an endpoint adds to its text answers in a chat: reasoning before the answer,
 * scripted tool calls after it, or the answers of an agent's model that calls the tools a
 * request offers. A request that constrains the answer to a schema is answered with JSON
 * valid within it, as guided decoding would.
 *
 * @param reasoning the reasoning tokens
 * @param toolCalls the scripted tool calls
 * @param agent whether to answer like an agent's model
 */
record ChatScript(List<String> reasoning, List<ToolCallScript> toolCalls, boolean agent) {

	static final ChatScript NONE = new ChatScript(List.of(), List.of(), false);

	ChatScript withReasoning(List<String> reasoning) {
		return new ChatScript(reasoning, this.toolCalls, this.agent);
	}

	ChatScript withToolCalls(List<ToolCallScript> toolCalls) {
		return new ChatScript(this.reasoning, toolCalls, this.agent);
	}

	ChatScript asAgent() {
		return new ChatScript(this.reasoning, this.toolCalls, true);
	}

	/**
	 * Makes the answer to a request. Usage counts the prompt's words and the tokens
	 * generated, reasoning included; it is reported only when the request asks for it.
	 */
	Answer answer(PromptReader.Request request, Function<String, List<String>> text, String finishReason) {
		List<String> tokens;
		List<ToolCallScript> calls = this.toolCalls;
		if (this.agent && !request.tools().isEmpty() && request.toolResult() == null) {
			tokens = List.of();
			calls = List.of(callOf(request.tools().get(0), request.prompt()));
		}
		else if (this.agent && request.toolResult() != null) {
			tokens = words("The tool answered: " + request.toolResult());
		}
		else if (request.answerSchema() != null) {
			tokens = words(SchemaInstances.of(request.answerSchema()));
		}
		else {
			tokens = text.apply(request.prompt());
		}
		String finish = calls.isEmpty() ? finishReason : "tool_calls";
		Answer.Usage usage = request.includeUsage()
				? new Answer.Usage(words(request.prompt()).size(), this.reasoning.size() + tokens.size()) : null;
		return new Answer(this.reasoning, tokens, calls, finish, request.choices(), usage);
	}

	private static ToolCallScript callOf(PromptReader.OfferedTool tool, String prompt) {
		String arguments = tool.parameters().isEmpty() ? "{}"
				: "{" + Dialect.json(tool.parameters().get(0)) + ":" + Dialect.json(prompt) + "}";
		return new ToolCallScript(tool.name(), arguments);
	}

	/**
	 * Cuts a text into tokens that keep their leading spaces, the way model tokenizers
	 * do.
	 */
	static List<String> words(String text) {
		List<String> tokens = new ArrayList<>();
		int start = 0;
		for (int i = 1; i < text.length(); i++) {
			if (text.charAt(i) == ' ') {
				tokens.add(text.substring(start, i));
				start = i;
			}
		}
		if (start < text.length()) {
			tokens.add(text.substring(start));
		}
		return tokens;
	}

}
