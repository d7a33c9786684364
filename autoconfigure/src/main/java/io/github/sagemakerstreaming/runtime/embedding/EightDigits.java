package io.github.sagemakerstreaming.runtime.embedding;

/**
 * Reads up to eight ASCII digits at once from the eight bytes of a {@code long} read in
 * little endian order, the first digit in the lowest byte: a number's digits cost three
 * multiplications every eight rather than one after the other, and no branch a digit.
 */
final class EightDigits {

	private static final long ZEROS = 0x3030303030303030L;

	private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;

	private static final long LOW_NIBBLES = 0x0F0F0F0F0F0F0F0FL;

	private static final long SIXES = 0x0606060606060606L;

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
		// The digits move to the highest bytes, the least significant places, and zeros
		// fill the bytes below them: two shifts, as one of 64 bits would shift nothing.
		int half = (8 - count) << 2;
		return ofDigits(((bytes << half) << half) & LOW_NIBBLES);
	}

	/**
	 * Returns the value of the first digits followed by as many zeros as make eight
	 * digits: their value times 10<sup>8 - count</sup>.
	 * @param bytes the eight bytes, the digits in the lowest
	 * @param count how many digits, as {@link #count(long)} gives it
	 * @return that value, from 0 to 99,999,999
	 */
	static long padded(long bytes, int count) {
		int half = count << 2;
		return ofDigits(bytes & ~((-1L << half) << half) & LOW_NIBBLES);
	}

	/**
	 * Returns the value of eight bytes that each hold a digit's value, from 0 to 9, the
	 * lowest the most significant: pairs of digits, then pairs of pairs, then the halves.
	 */
	private static long ofDigits(long digits) {
		long pairs = (digits * (10 * 256 + 1)) >>> 8;
		long fours = ((pairs & 0x00FF00FF00FF00FFL) * (100 * 65536 + 1)) >>> 16;
		return ((fours & 0x0000FFFF0000FFFFL) * (10_000L * (1L << 32) + 1)) >>> 32;
	}

}
