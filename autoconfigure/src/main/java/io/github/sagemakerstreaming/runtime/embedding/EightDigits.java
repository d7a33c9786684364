package io.github.sagemakerstreaming.runtime.embedding;

/**
 * Reads up to eight ASCII digits at once from the eight bytes of a {@code long} read in
 * little endian order, the first digit in the lowest byte: a number's digits cost three
 * multiplications every eight rather than one after the other, and no branch a digit.
 */
final class EightDigits {

	private static final long ZEROS = 0x3030303030303030L;

	private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;

	private static final long SIXES = 0x0606060606060606L;

	private static final long LOW_BYTE_OF_EACH_HALF = 0x000000FF000000FFL;

	private EightDigits() {
	}

	/**
	 * Returns how many of the bytes, from the lowest, are ASCII digits before the first
	 * that is not. A byte is a digit when its high nibble is 3 and still is after adding
	 * 6 to it, which carries for a low nibble above 9 (a carry into the next byte comes
	 * only from a byte that is not a digit, so after the first).
	 * @param bytes the eight bytes
	 * @return from 0 to 8
	 */
	static int count(long bytes) {
		long notDigits = ((bytes & HIGH_NIBBLES) ^ ZEROS) | (((bytes + SIXES) & HIGH_NIBBLES) ^ ZEROS);
		return Long.numberOfTrailingZeros(notDigits) >>> 3;
	}

	/**
	 * Returns the value of the first digits, the first the most significant.
	 * @param bytes the eight bytes, the digits in the lowest
	 * @param count how many digits, as {@link #count(long)} gives it
	 * @return their value, from 0 to 99,999,999
	 */
	static long value(long bytes, int count) {
		if (count == 0) {
			return 0;
		}
		// The digits move to the highest bytes, the least significant places, and the
		// bytes below them become leading zeros.
		long digits = ((bytes << ((8 - count) << 3)) | (ZEROS >>> (count << 3))) - ZEROS;
		// Each byte now holds the pair of its own digit and the one before it.
		long pairs = digits * 10 + (digits >>> 8);
		// Two pairs of pairs in each half, then the two halves.
		return (((pairs & LOW_BYTE_OF_EACH_HALF) * (100 + (1_000_000L << 32)))
				+ (((pairs >>> 16) & LOW_BYTE_OF_EACH_HALF) * (1 + (10_000L << 32)))) >>> 32;
	}

}
