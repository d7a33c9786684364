package io.github.sagemakerstreaming.benchmarks;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.sagemakerstreaming.emulator.Dialect;

/**
 * Container bodies as real containers write them: a few hundred tokens of prose, some of
 * them multi-byte, rendered by a dialect and cut into payload parts.
 */
final class RealisticStreams {

	private static final String[] WORDS = { " the", " model", " streams", " tokens", " to", " a", " browser", ",",
			" and", " each", " one", " arrives", " as", " it", " is", " generated", ".", " Latency", " matters", " for",
			" café", " naïve", " 東京", " 🚀", " users", "\n" };

	private RealisticStreams() {
	}

	static List<String> tokens(int count) {
		Random random = new Random(42);
		List<String> tokens = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			tokens.add(WORDS[random.nextInt(WORDS.length)]);
		}
		return tokens;
	}

	/**
	 * Renders the tokens and packs {@code recordsPerPart} records into each part.
	 */
	static List<byte[]> parts(Dialect dialect, List<String> tokens, int recordsPerPart) {
		List<byte[]> records = dialect.render(tokens, "stop");
		List<byte[]> parts = new ArrayList<>();
		for (int start = 0; start < records.size(); start += recordsPerPart) {
			ByteArrayOutputStream part = new ByteArrayOutputStream();
			records.subList(start, Math.min(records.size(), start + recordsPerPart)).forEach(part::writeBytes);
			parts.add(part.toByteArray());
		}
		return parts;
	}

}
