package io.github.sagemakerstreaming.runtime.embedding;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path against the JDK's {@link Float#parseFloat(String)}, the reference: bit
 * for bit wherever it answers, and no answer on a double halfway between two floats.
 */
class FastFloatTests {

	@Test
	void givesTheFloatTheJdkParsesForMillionsOfRandomDecimals() {
		Random random = new Random(42);
		int answered = 0;
		for (int i = 0; i < 2_000_000; i++) {
			int digits = 1 + random.nextInt(18);
			long significand = random.nextLong() & Long.MAX_VALUE;
			significand %= (long) Math.pow(10, digits);
			int power = random.nextInt(61) - 30;
			answered += assertAgreesWithTheJdk(significand, power) ? 1 : 0;
		}
		assertThat(answered).as("the fast path answers most of them").isGreaterThan(1_000_000);
	}

	@Test
	void givesTheFloatTheJdkParsesForTheShortestFormOfRandomFloats() {
		Random random = new Random(7);
		for (int i = 0; i < 1_000_000; i++) {
			float value = Math.abs((float) (random.nextGaussian() * Math.pow(10, random.nextInt(16) - 12)));
			BigDecimal decimal = new BigDecimal(Float.toString(value));
			assertAgreesWithTheJdk(decimal.unscaledValue().longValueExact(), -decimal.scale());
		}
	}

	@Test
	void givesTheFloatTheJdkParsesForSignificandsAbove2To53ThatTrailingZerosMakeExactDoubles() {
		Random random = new Random(11);
		int answered = 0;
		for (int i = 0; i < 1_000_000; i++) {
			// As the scanner pads a number's digits to sixteen or more.
			int digits = 1 + random.nextInt(10);
			long significand = (random.nextLong() & Long.MAX_VALUE) % (long) Math.pow(10, digits);
			significand *= (long) Math.pow(10, 17 - digits);
			int power = -16 - random.nextInt(7);
			answered += assertAgreesWithTheJdk(significand, power) ? 1 : 0;
		}
		assertThat(answered).as("the fast path answers most of them").isGreaterThan(900_000);
	}

	@ParameterizedTest
	@CsvSource({ "16777217, 0", "16777219, 0", "33554434, 0", "33554438, 0", "83886095, -1", "167772170, -1" })
	void leavesANumberWhoseDoubleIsHalfwayBetweenTwoFloatsToTheFullParser(long significand, int power) {
		assertThat(FastFloat.of(significand, power)).isNaN();
	}

	@Test
	void leavesWhatNoDoubleOperationGivesExactlyToTheFullParser() {
		assertThat(FastFloat.of((1L << 53) + 1, 0)).isNaN();
		assertThat(FastFloat.of(99_999_999_999_999_999L, -16)).isNaN();
		assertThat(FastFloat.of(15_000_000_000_000_000L, -16)).isEqualTo(1.5f);
		assertThat(FastFloat.of(1, -23)).isNaN();
		assertThat(FastFloat.of(1, 23)).isNaN();
		assertThat(FastFloat.of(0, 0)).isEqualTo(0.0f);
	}

	private static boolean assertAgreesWithTheJdk(long significand, int power) {
		float fast = FastFloat.of(significand, power);
		if (Float.isNaN(fast)) {
			return false;
		}
		String decimal = significand + "e" + power;
		assertThat(Float.floatToRawIntBits(fast)).as(decimal)
			.isEqualTo(Float.floatToRawIntBits(Float.parseFloat(decimal)));
		return true;
	}

}
