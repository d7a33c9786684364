package io.github.sagemakerstreaming.emulator;

import java.util.Objects;

/**
 * A tool call that an endpoint answers with, streamed in the dialect's fragments (id and
 * name first, then the arguments in pieces) and ended with the finish reason
 * {@code tool_calls}.
 *
 * @param name the tool's name
 * @param arguments the arguments, as JSON text
 */
public record ToolCallScript(String name, String arguments) {

	/**
	 * Creates a scripted tool call.
	 * @param name the tool's name
	 * @param arguments the arguments, as JSON text
	 */
	public ToolCallScript {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(arguments, "arguments");
	}

}
