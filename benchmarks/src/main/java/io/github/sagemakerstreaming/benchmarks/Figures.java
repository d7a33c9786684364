package io.github.sagemakerstreaming.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Small statistics for the runners' reports.
 */
final class Figures {

	private Figures() {
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[sorted.length / 2];
	}

	static long percentile(long[] values, int count, double percentile) {
		long[] sorted = Arrays.copyOf(values, count);
		Arrays.sort(sorted);
		return sorted[Math.min(count - 1, (int) Math.ceil(percentile / 100 * count) - 1)];
	}

}
