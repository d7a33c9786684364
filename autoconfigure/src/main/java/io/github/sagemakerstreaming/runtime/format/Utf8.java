package io.github.sagemakerstreaming.runtime.format;

/**
 * Tells well-formed UTF-8 (Unicode's table 3-7) from bytes that are not: overlong forms,
 * surrogates, code points above U+10FFFF, stray continuation bytes, truncated sequences
 * and the bytes {@code C0}, {@code C1} and {@code F5} to {@code FF}.
 */
final class Utf8 {

	private Utf8() {
	}

	/**
	 * Returns whether the bytes are well-formed UTF-8, as the JDK's decoder would accept
	 * them without replacing any.
	 */
	static boolean isWellFormed(byte[] bytes, int offset, int length) {
		int end = offset + length;
		int i = offset;
		while (i < end) {
			int lead = bytes[i] & 0xFF;
			if (lead < 0x80) {
				i++;
				continue;
			}
			int size;
			int low = 0x80;
			int high = 0xBF;
			if (lead >= 0xC2 && lead <= 0xDF) {
				size = 2;
			}
			else if (lead >= 0xE0 && lead <= 0xEF) {
				size = 3;
				low = (lead == 0xE0) ? 0xA0 : 0x80;
				high = (lead == 0xED) ? 0x9F : 0xBF;
			}
			else if (lead >= 0xF0 && lead <= 0xF4) {
				size = 4;
				low = (lead == 0xF0) ? 0x90 : 0x80;
				high = (lead == 0xF4) ? 0x8F : 0xBF;
			}
			else {
				return false;
			}
			if (end - i < size) {
				return false;
			}
			int second = bytes[i + 1] & 0xFF;
			if (second < low || second > high) {
				return false;
			}
			for (int k = 2; k < size; k++) {
				if ((bytes[i + k] & 0xC0) != 0x80) {
					return false;
				}
			}
			i += size;
		}
		return true;
	}

}
