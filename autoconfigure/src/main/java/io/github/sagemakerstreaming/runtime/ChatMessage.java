package io.github.sagemakerstreaming.runtime;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation, rendered in the OpenAI chat shape by the
 * {@code openai-chat} format. Build it with the factory of its role.
 */
public final class ChatMessage {

	/** Who a message is from. */
	public enum Role {

		/** Instructions to the model. */
		SYSTEM,

		/** The user. */
		USER,

		/** The model, with text, tool calls or both. */
		ASSISTANT,

		/** The result of a tool call. */
		TOOL

	}

	private final Role role;

	private final @Nullable String content;

	private final List<ToolCall> toolCalls;

	private final @Nullable String toolCallId;

	private final List<ContentPart> parts;

	private ChatMessage(Role role, @Nullable String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {
		this(role, content, toolCalls, toolCallId, List.of());
	}

	private ChatMessage(Role role, @Nullable String content, List<ToolCall> toolCalls, @Nullable String toolCallId,
			List<ContentPart> parts) {
		this.role = role;
		this.content = content;
		this.toolCalls = List.copyOf(toolCalls);
		this.toolCallId = toolCallId;
		this.parts = List.copyOf(parts);
	}

	/**
	 * A system message.
	 * @param content the instructions
	 * @return the message
	 */
	public static ChatMessage system(String content) {
		return new ChatMessage(Role.SYSTEM, Objects.requireNonNull(content, "content"), List.of(), null);
	}

	/**
	 * A user message.
	 * @param content what the user said
	 * @return the message
	 */
	public static ChatMessage user(String content) {
		return new ChatMessage(Role.USER, Objects.requireNonNull(content, "content"), List.of(), null);
	}

	/**
	 * A user message of several parts, texts and images, which only the
	 * {@code openai-chat} format can send.
	 * @param parts the parts, in order
	 * @return the message
	 * @throws InvalidInferenceRequestException if there are no parts
	 */
	public static ChatMessage user(List<ContentPart> parts) {
		Objects.requireNonNull(parts, "parts");
		if (parts.isEmpty()) {
			throw new InvalidInferenceRequestException("A user message of parts needs at least one part.", null);
		}
		String text = parts.stream().map(ContentPart::text).filter(Objects::nonNull).collect(Collectors.joining("\n"));
		return new ChatMessage(Role.USER, text, List.of(), null, parts);
	}

	/**
	 * An answer of the model.
	 * @param content the answer's text
	 * @return the message
	 */
	public static ChatMessage assistant(String content) {
		return assistant(Objects.requireNonNull(content, "content"), List.of());
	}

	/**
	 * An answer of the model that called tools.
	 * @param content the answer's text, or {@code null} if it only called tools
	 * @param toolCalls the tool calls
	 * @return the message
	 */
	public static ChatMessage assistant(@Nullable String content, List<ToolCall> toolCalls) {
		Objects.requireNonNull(toolCalls, "toolCalls");
		if (content == null && toolCalls.isEmpty()) {
			throw new InvalidInferenceRequestException("An assistant message needs content, tool calls or both.", null);
		}
		return new ChatMessage(Role.ASSISTANT, content, toolCalls, null);
	}

	/**
	 * The result of a tool call.
	 * @param toolCallId the id of the call it answers ({@link ToolCall#id()})
	 * @param content the tool's result
	 * @return the message
	 */
	public static ChatMessage tool(String toolCallId, String content) {
		return new ChatMessage(Role.TOOL, Objects.requireNonNull(content, "content"), List.of(),
				Objects.requireNonNull(toolCallId, "toolCallId"));
	}

	/**
	 * Returns who the message is from.
	 * @return the role
	 */
	public Role role() {
		return this.role;
	}

	/**
	 * Returns the message's text; for a message of parts, its text parts joined by new
	 * lines.
	 * @return the content, or {@code null} for an assistant message with only tool calls
	 */
	public @Nullable String content() {
		return this.content;
	}

	/**
	 * Returns the parts of a user message made of texts and images.
	 * @return the parts, empty for a message of plain text
	 */
	public List<ContentPart> parts() {
		return this.parts;
	}

	/**
	 * Returns whether the message holds an image, which only the {@code openai-chat}
	 * format can send.
	 * @return whether a part is an image
	 */
	public boolean hasImage() {
		return this.parts.stream().anyMatch((part) -> part.type() == ContentPart.Type.IMAGE_URL);
	}

	/**
	 * Returns the tools an assistant message called.
	 * @return the tool calls, empty for other roles
	 */
	public List<ToolCall> toolCalls() {
		return this.toolCalls;
	}

	/**
	 * Returns the id of the call a tool message answers.
	 * @return the tool call id, or {@code null} for other roles
	 */
	public @Nullable String toolCallId() {
		return this.toolCallId;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ChatMessage message && this.role == message.role
				&& Objects.equals(this.content, message.content) && this.toolCalls.equals(message.toolCalls)
				&& Objects.equals(this.toolCallId, message.toolCallId) && this.parts.equals(message.parts);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.role, this.content, this.toolCalls, this.toolCallId, this.parts);
	}

	@Override
	public String toString() {
		return "ChatMessage[" + this.role
				+ ((this.toolCalls.isEmpty()) ? "" : ", " + this.toolCalls.size() + " tool calls") + "]";
	}

}
