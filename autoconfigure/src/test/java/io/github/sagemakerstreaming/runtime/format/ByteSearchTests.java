package io.github.sagemakerstreaming.runtime.format;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The word-at-a-time search finds what a byte-by-byte loop finds, on random bytes heavy
 * with bytes that a word-at-a-time search could mistake for {@code \n}, from every start
 * and to every end.
 */
class ByteSearchTests {

	private static final byte[] TRICKY = { '\n', '"', '\\', (byte) 0x8A, (byte) 0xA2, (byte) 0xDC, 0x0B, 0x09, 0x1F,
			0x20, 0x21, 0x00, 0x01, 0x7F, (byte) 0xFF, (byte) 0x80, 0x5B, 'a' };

	@Test
	void findsTheFirstNewlineAsAByteByByteLoopDoes() {
		forEveryRange((bytes, from, end) -> assertThat(ByteSearch.newline(bytes, from, end))
			.as("from %d to %d in %s", from, end, hex(bytes))
			.isEqualTo(byteByByte(bytes, from, end)));
	}

	private static void forEveryRange(Check check) {
		Random random = new Random(42);
		for (int run = 0; run < 3_000; run++) {
			byte[] bytes = new byte[random.nextInt(40)];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = random.nextBoolean() ? TRICKY[random.nextInt(TRICKY.length)] : (byte) random.nextInt(256);
			}
			for (int from = 0; from <= bytes.length; from++) {
				check.check(bytes, from, bytes.length);
				check.check(bytes, from, from + random.nextInt(bytes.length - from + 1));
			}
		}
	}

	private static int byteByByte(byte[] bytes, int from, int end) {
		for (int i = from; i < end; i++) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	private static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes) {
			hex.append(String.format("%02x ", b));
		}
		return hex.toString();
	}

	@FunctionalInterface
	private interface Check {

		void check(byte[] bytes, int from, int end);

	}

}
