package io.github.sagemakerstreaming.runtime;

/**
 * The request shape built from a prompt. Whatever the shape, the response decoder
 * recognises every container dialect; only {@link #RAW} also switches the response to
 * plain text.
 */
public enum InferenceFormat {

	/**
	 * OpenAI chat completions:
	 * {@code {"messages":[{"role":"user","content":PROMPT}],"stream":true,
	 * ...parameters}}. Understood by TGI 2.4 and later, vLLM and DJL/LMI chat.
	 */
	OPENAI_CHAT,

	/**
	 * OpenAI completions: {@code {"prompt":PROMPT,"stream":true, ...parameters}}.
	 * Understood by vLLM and DJL/LMI with vLLM.
	 */
	OPENAI_COMPLETIONS,

	/**
	 * Hugging Face TGI and DJL/LMI:
	 * {@code {"inputs":PROMPT,"parameters":{...},"stream":true}}.
	 */
	TGI,

	/**
	 * The prompt's UTF-8 bytes as the body, and the response's bytes decoded as text as
	 * they come, for containers with their own protocol.
	 */
	RAW

}
