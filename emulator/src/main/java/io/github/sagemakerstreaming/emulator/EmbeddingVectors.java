package io.github.sagemakerstreaming.emulator;

import java.util.Locale;

/**
 * The emulator's stand-in for an embedding model: a hashed bag of the text's words,
 * normalised to length 1, so that the cosine similarity of two texts grows with the words
 * they share. An empty text is the zero vector.
 */
final class EmbeddingVectors {

	private EmbeddingVectors() {
	}

	static float[] of(String text, int dimensions) {
		float[] vector = new float[dimensions];
		for (String word : words(text)) {
			vector[Math.floorMod(word.hashCode(), dimensions)] += 1;
		}
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		if (norm > 0) {
			float scale = (float) (1 / Math.sqrt(norm));
			for (int i = 0; i < dimensions; i++) {
				vector[i] *= scale;
			}
		}
		return vector;
	}

	/**
	 * Returns the words of a text, lower-cased: the runs of letters and digits.
	 */
	static String[] words(String text) {
		String trimmed = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
		return trimmed.isEmpty() ? new String[0] : trimmed.split(" ");
	}

}
