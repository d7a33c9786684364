package io.github.sagemakerstreaming.runtime.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The well-formedness check against the JDK's strict decoder.
 */
class Utf8Tests {

	@Test
	void agreesWithTheJdkOnRandomBytes() {
		Random random = new Random(7);
		int wellFormed = 0;
		for (int i = 0; i < 200_000; i++) {
			byte[] bytes = new byte[1 + random.nextInt(6)];
			for (int k = 0; k < bytes.length; k++) {
				// Mostly the bytes that sequences are made of, so that many are well
				// formed.
				bytes[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x40) : random.nextInt(256));
			}
			boolean expected = jdkAccepts(bytes);
			wellFormed += expected ? 1 : 0;
			assertThat(Utf8.isWellFormed(bytes, 0, bytes.length)).as(hex(bytes)).isEqualTo(expected);
		}
		assertThat(wellFormed).isGreaterThan(10_000);
	}

	@Test
	void checksOnlyTheGivenRange() {
		byte[] bytes = { (byte) 0xFF, 'a', (byte) 0xE2, (byte) 0x82, (byte) 0xAC, (byte) 0xFF };
		assertThat(Utf8.isWellFormed(bytes, 1, 4)).isTrue();
		assertThat(Utf8.isWellFormed(bytes, 1, 3)).isFalse();
		assertThat(Utf8.isWellFormed(bytes, 0, 2)).isFalse();
	}

	private static boolean jdkAccepts(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes) {
			hex.append(String.format("%02X ", b));
		}
		return hex.toString();
	}

}
