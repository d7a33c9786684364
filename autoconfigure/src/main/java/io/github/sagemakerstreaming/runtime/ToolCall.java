package io.github.sagemakerstreaming.runtime;

import java.util.Objects;

/**
 * A call of a tool that the model asked for, whole: the container streams a call in
 * fragments, and the template joins them before passing it on.
 *
 * @param id the call's id, which the tool's result must quote
 * ({@link ChatMessage#tool(String, String)}); as the container sent it (TGI sends
 * {@code "0"}, {@code "1"}, ...)
 * @param name the name of the tool to call
 * @param arguments the arguments, the JSON text the model produced, whole and unparsed
 */
public record ToolCall(String id, String name, String arguments) {

	/**
	 * Creates a tool call.
	 * @param id the call's id
	 * @param name the tool's name
	 * @param arguments the arguments as JSON text
	 */
	public ToolCall {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(arguments, "arguments");
	}

}
