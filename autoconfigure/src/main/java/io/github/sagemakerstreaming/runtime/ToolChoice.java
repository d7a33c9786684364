package io.github.sagemakerstreaming.runtime;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Whether, and which, tool the model must call: OpenAI's {@code tool_choice}.
 */
public final class ToolChoice {

	/** The model decides whether to call a tool. */
	public static final ToolChoice AUTO = new ToolChoice("auto", null);

	/** The model calls no tool. */
	public static final ToolChoice NONE = new ToolChoice("none", null);

	/** The model calls at least one tool. */
	public static final ToolChoice REQUIRED = new ToolChoice("required", null);

	private final String mode;

	private final @Nullable String functionName;

	private ToolChoice(String mode, @Nullable String functionName) {
		this.mode = mode;
		this.functionName = functionName;
	}

	/**
	 * The model calls the tool with this name.
	 * @param name the tool's name
	 * @return the choice
	 */
	public static ToolChoice function(String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidInferenceRequestException("A tool choice needs the tool's name.", null);
		}
		return new ToolChoice("function", name);
	}

	/**
	 * Returns the mode: {@code auto}, {@code none}, {@code required} or {@code function}.
	 * @return the mode
	 */
	public String mode() {
		return this.mode;
	}

	/**
	 * Returns the tool the model must call.
	 * @return the tool's name, or {@code null} unless the mode is {@code function}
	 */
	public @Nullable String functionName() {
		return this.functionName;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ToolChoice choice && this.mode.equals(choice.mode)
				&& Objects.equals(this.functionName, choice.functionName);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.mode, this.functionName);
	}

	@Override
	public String toString() {
		return (this.functionName != null) ? "function " + this.functionName : this.mode;
	}

}
