package io.github.sagemakerstreaming.runtime.embedding;

/**
 * The shape of an embedding request: the field that carries the texts. Whatever the
 * request's shape, the answer is read in any of the shapes these containers answer with
 * (see {@link EmbeddingAnswerDecoder}).
 */
public enum EmbeddingFormat {

	/**
	 * {@code {"inputs": [...]}}: Hugging Face Text Embeddings Inference, whose
	 * {@code /invocations} route is its {@code /embed} route (TEI
	 * {@code router/src/http/server.rs}, {@code EmbedRequest} in
	 * {@code router/src/http/types.rs}), and the Hugging Face inference toolkit's
	 * sentence-transformers handler.
	 */
	TEI("inputs"),

	/**
	 * {@code {"text_inputs": [...]}}: the SageMaker JumpStart text-embedding models (BGE,
	 * GTE), which answer {@code {"embedding": [[...], ...]}}.
	 */
	JUMPSTART("text_inputs"),

	/**
	 * {@code {"input": [...]}}: the OpenAI embeddings request, which vLLM's
	 * {@code /invocations} route serves for an embedding model
	 * ({@code EmbeddingCompletionRequest} in vLLM's OpenAI protocol) and LMI's
	 * OpenAI-compatible embeddings.
	 */
	OPENAI("input");

	private final String inputsField;

	EmbeddingFormat(String inputsField) {
		this.inputsField = inputsField;
	}

	/**
	 * Returns the request field that carries the texts.
	 * @return the field name
	 */
	public String inputsField() {
		return this.inputsField;
	}

}
