package io.github.sagemakerstreaming.emulator;

import java.util.List;

/**
 * The deterministic answer an endpoint streams when no tokens are scripted: readable text
 * made from the prompt, cut into tokens that keep their leading spaces, the way model
 * tokenizers do.
 */
final class DefaultAnswer {

	private DefaultAnswer() {
	}

	static List<String> tokensFor(String prompt) {
		String question = (prompt == null || prompt.isBlank()) ? "nothing" : prompt.strip();
		String text = "You asked: \"" + question + "\". This answer is streamed by the local SageMaker emulator, "
				+ "one token at a time, so that you can see the stream work without an AWS account.";
		return ChatScript.words(text);
	}

}
