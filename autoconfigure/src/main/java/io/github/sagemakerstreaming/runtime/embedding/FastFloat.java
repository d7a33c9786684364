package io.github.sagemakerstreaming.runtime.embedding;

/**
 * Turns a decimal number, a significand and a power of ten, into the nearest
 * {@code float} by one exact double operation where that gives it, as most numbers of an
 * embedding answer allow (Clinger's fast path): a significand that is exactly a double
 * (one of at most 2<sup>53</sup>, or one whose trailing zeros make it so) and a power of
 * ten of at most 22 are both exact doubles, so their IEEE product or quotient is the
 * double nearest the number. Rounding that double to a {@code float} then gives the
 * {@code float} nearest the number unless the double is exactly halfway between two
 * floats, where the number itself may lie on either side: that case, and every number
 * outside those bounds, is left to the caller's full parser. The results are held to
 * {@link Float#parseFloat(String)} by {@code FastFloatTests}.
 */
final class FastFloat {

	private static final double[] POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
			1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

	/**
	 * The bits of a double's fraction below a {@code float}'s precision, for a number in
	 * the range of normal floats, which every number taken here is.
	 */
	private static final long BELOW_FLOAT_PRECISION = (1L << 29) - 1;

	/** Those bits in a double exactly halfway between two floats. */
	private static final long HALFWAY = 1L << 28;

	private FastFloat() {
	}

	/**
	 * Returns the {@code float} nearest {@code significand × 10^power}.
	 * @param significand the digits, from 0 to 10<sup>18</sup>
	 * @param power the power of ten
	 * @return the nearest {@code float}, or {@link Float#NaN} when this cannot tell it
	 */
	static float of(long significand, int power) {
		if ((long) (double) significand != significand || power < -22 || power > 22) {
			return Float.NaN;
		}
		double nearest = (power < 0) ? significand / POWERS_OF_TEN[-power] : significand * POWERS_OF_TEN[power];
		if ((Double.doubleToRawLongBits(nearest) & BELOW_FLOAT_PRECISION) == HALFWAY) {
			return Float.NaN;
		}
		return (float) nearest;
	}

}
