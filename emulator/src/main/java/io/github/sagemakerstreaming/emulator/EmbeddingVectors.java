package io.github.sagemakerstreaming.emulator;

import java.util.Arrays;
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
		return normalised(vector);
	}

	/**
	 * Returns the first values of a vector, normalised to length 1 again, as a Matryoshka
	 * model's shorter vector is.
	 */
	static float[] truncated(float[] vector, int dimensions) {
		if (dimensions == vector.length) {
			return vector;
		}
		return normalised(Arrays.copyOf(vector, dimensions));
	}

	private static float[] normalised(float[] vector) {
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		if (norm > 0) {
			float scale = (float) (1 / Math.sqrt(norm));
			for (int i = 0; i < vector.length; i++) {
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
