package io.github.sagemakerstreaming.runtime.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Up to eight digits at once, alone and padded with zeros to eight, against the JDK
 * reading them one by one, whatever bytes follow them.
 */
class EightDigitsTests {

	@Test
	void countsTheDigitsBeforeTheFirstByteOfAnyValueThatIsNotOneWhereverItIs() {
		Random random = new Random(9);
		for (int position = 0; position < 8; position++) {
			for (int b = 0; b < 256; b++) {
				byte[] bytes = new byte[8];
				for (int i = 0; i < 8; i++) {
					// Digits before, anything after.
					bytes[i] = (byte) ((i < position) ? '0' + random.nextInt(10) : random.nextInt(256));
				}
				bytes[position] = (byte) b;
				int expected = position;
				while (expected < 8 && bytes[expected] >= '0' && bytes[expected] <= '9') {
					expected++;
				}
				assertThat(EightDigits.count(little(bytes))).as("byte %d at %d", b, position).isEqualTo(expected);
			}
		}
	}

	@Test
	void readsTheFirstDigitsAloneAndPaddedWithZerosWhateverFollowsThem() {
		Random random = new Random(10);
		for (int i = 0; i < 1_000_000; i++) {
			int count = random.nextInt(9);
			String digits = (count == 0) ? ""
					: String.format("%0" + count + "d", random.nextInt((int) Math.pow(10, count)));
			byte[] bytes = new byte[8];
			random.nextBytes(bytes);
			System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, count);
			if (count < 8 && bytes[count] >= '0' && bytes[count] <= '9') {
				bytes[count] = ',';
			}
			long eight = little(bytes);
			assertThat(EightDigits.count(eight)).isEqualTo(count);
			assertThat(EightDigits.value(eight, count)).as(digits).isEqualTo((count == 0) ? 0 : Long.parseLong(digits));
			assertThat(EightDigits.padded(eight, count)).as(digits)
				.isEqualTo(Long.parseLong((digits + "00000000").substring(0, 8)));
		}
	}

	@Test
	void readsTheValueTheJdkReadsTheFirstDigitMostSignificant() {
		Random random = new Random(8);
		for (int i = 0; i < 1_000_000; i++) {
			assertValue(String.format("%08d", random.nextInt(100_000_000)));
		}
		assertValue("00000000");
		assertValue("99999999");
		assertValue("00000001");
		assertValue("10000000");
	}

	private static void assertValue(String digits) {
		long bytes = little(digits.getBytes(StandardCharsets.US_ASCII));
		assertThat(EightDigits.count(bytes)).isEqualTo(8);
		assertThat(EightDigits.value(bytes, 8)).as(digits).isEqualTo(Long.parseLong(digits));
		assertThat(EightDigits.padded(bytes, 8)).as(digits).isEqualTo(Long.parseLong(digits));
	}

	private static long little(byte[] bytes) {
		return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
	}

}
