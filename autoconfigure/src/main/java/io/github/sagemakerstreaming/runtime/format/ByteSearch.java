package io.github.sagemakerstreaming.runtime.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of a line eight bytes at a time, where a byte-by-byte loop would look at
 * each of a record's few hundred bytes one by one: a word holds {@code \n} where the
 * word, compared with {@code \n} in every lane, has a lane of zero, and the lowest such
 * lane is the first of them (a borrow only reaches lanes above a true match).
 */
final class ByteSearch {

	/** Reads eight bytes of an array at once, the first in the lowest lane. */
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final long NEWLINES = lanes('\n');

	private ByteSearch() {
	}

	/**
	 * Returns where the first {@code \n} at or after {@code from} is, or -1.
	 */
	static int newline(byte[] bytes, int from, int end) {
		int i = from;
		for (; i + Long.BYTES <= end; i += Long.BYTES) {
			long found = zeroLanes((long) LONGS.get(bytes, i) ^ NEWLINES);
			if (found != 0) {
				return i + firstLane(found);
			}
		}
		for (; i < end; i++) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	private static long zeroLanes(long word) {
		return (word - ONES) & ~word & HIGH_BITS;
	}

	private static int firstLane(long found) {
		return Long.numberOfTrailingZeros(found) >>> 3;
	}

	private static long lanes(char c) {
		return ONES * c;
	}

}
