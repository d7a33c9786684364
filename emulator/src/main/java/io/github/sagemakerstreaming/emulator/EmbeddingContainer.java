package io.github.sagemakerstreaming.emulator;

/**
 * The embedding containers an emulated embedding endpoint imitates: the request field it
 * reads, the answer it gives and the errors it refuses with.
 */
public enum EmbeddingContainer {

	/**
	 * Hugging Face Text Embeddings Inference: {@code /invocations} is its {@code /embed}
	 * route ({@code router/src/http/server.rs}), which reads {@code {"inputs": ...}} (a
	 * text or a list, {@code EmbedRequest} in {@code router/src/http/types.rs}) and
	 * answers {@code [[...], ...]}. It refuses an empty list with 400
	 * {@code {"error":"`inputs` cannot be empty","error_type":"Empty"}}, a list longer
	 * than {@code --max-client-batch-size} (32 unless set) with 413
	 * {@code {"error":"batch size 33 > maximum allowed batch size
	 * 32","error_type":"Validation"}}, and an empty text with 400
	 * {@code Input validation error: `inputs` cannot be empty}
	 * ({@code core/src/tokenization.rs}, {@code ErrorType} in {@code router/src/lib.rs},
	 * whose {@code Validation} is 413 {@code PAYLOAD_TOO_LARGE} in
	 * {@code router/src/http/server.rs}).
	 */
	TEI,

	/**
	 * A SageMaker JumpStart text-embedding model (the BGE and GTE models): reads
	 * {@code {"text_inputs": [...]}} and answers {@code {"embedding": [[...], ...]}}, as
	 * the content handlers written for them with LangChain's
	 * {@code SagemakerEndpointEmbeddings} send and read.
	 */
	JUMPSTART,

	/**
	 * vLLM serving an embedding model: its {@code /invocations} route takes the OpenAI
	 * embeddings request {@code {"input": [...]}} ({@code EmbeddingCompletionRequest})
	 * and answers {@code {"object":"list","data":[{"index":i,"object":"embedding",
	 * "embedding":[...]}],"usage":{"prompt_tokens":n,...}}} ({@code EmbeddingResponse} in
	 * {@code vllm/entrypoints/openai/protocol.py}).
	 */
	VLLM

}
