package io.github.sagemakerstreaming.runtime;

/**
 * The tokens that the container reports it read and generated for one answer: OpenAI's
 * {@code usage} ({@code prompt_tokens}, {@code completion_tokens}), or TGI's
 * {@code details} ({@code input_length}, {@code generated_tokens}).
 *
 * @param inputTokens the tokens of the prompt
 * @param outputTokens the tokens generated
 */
public record TokenUsage(int inputTokens, int outputTokens) {

	/**
	 * Returns the tokens read and generated.
	 * @return the sum of input and output tokens
	 */
	public int totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

}
