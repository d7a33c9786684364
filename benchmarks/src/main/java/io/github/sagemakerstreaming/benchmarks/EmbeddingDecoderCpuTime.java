package io.github.sagemakerstreaming.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The decoders of {@link EmbeddingDecoderBenchmark}, and its floor, timed by the CPU time
 * of the thread that runs them, taken in turns, round after round: on a machine shared
 * with other builds, wall-clock time also counts the time the thread waits for a CPU, and
 * load that changes between JMH's benchmarks, which run one after the other, skews their
 * ratios. Taking turns exposes every decoder to the same load, and CPU time leaves out
 * the waiting.
 * <p>
 * Arguments: rounds (default 60) and operations per round (default 20), after a warm-up
 * of as many rounds. Prints, per decoder, the median and quartiles of the CPU time per
 * operation.
 */
public final class EmbeddingDecoderCpuTime {

	private EmbeddingDecoderCpuTime() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 60;
		int operations = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		EmbeddingDecoderBenchmark benchmark = new EmbeddingDecoderBenchmark();
		benchmark.render();
		Map<String, DoubleSupplier> decoders = new LinkedHashMap<>();
		decoders.put("starter", () -> benchmark.starter().size());
		decoders.put("starterStreaming", () -> benchmark.starterStreaming().size());
		decoders.put("naive", () -> benchmark.naive().size());
		decoders.put("numbersOnly", benchmark::numbersOnly);
		List<String> names = List.copyOf(decoders.keySet());
		List<DoubleSupplier> runs = List.copyOf(decoders.values());
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		double[][] micros = new double[names.size()][rounds];
		double checksum = 0;
		for (int round = -rounds; round < rounds; round++) {
			for (int d = 0; d < runs.size(); d++) {
				long start = threads.getCurrentThreadCpuTime();
				for (int i = 0; i < operations; i++) {
					checksum += runs.get(d).getAsDouble();
				}
				long cpu = threads.getCurrentThreadCpuTime() - start;
				if (round >= 0) {
					micros[d][round] = cpu / 1000.0 / operations;
				}
			}
		}
		double starter = median(micros[0]);
		for (int d = 0; d < names.size(); d++) {
			double[] sorted = micros[d].clone();
			Arrays.sort(sorted);
			System.out.printf(Locale.ROOT,
					"%-17s median %8.1f us/op CPU (quartiles %8.1f to %8.1f), %.2f times starter%n", names.get(d),
					median(sorted), sorted[rounds / 4], sorted[rounds * 3 / 4], median(sorted) / starter);
		}
		System.out.println("(checksum " + checksum + ")");
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
