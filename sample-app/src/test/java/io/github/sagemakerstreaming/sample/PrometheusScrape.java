package io.github.sagemakerstreaming.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The samples of a scrape in Prometheus's text format: each line's metric name, labels
 * and value.
 *
 * @param samples every sample, in the order of the scrape
 */
record PrometheusScrape(List<Sample> samples) {

	private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	static PrometheusScrape of(String text) {
		return new PrometheusScrape(text.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map(PrometheusScrape::sample)
			.toList());
	}

	private static Sample sample(String line) {
		Matcher sample = SAMPLE.matcher(line);
		if (!sample.matches()) {
			throw new IllegalArgumentException("Not a sample: " + line);
		}
		Map<String, String> labels = new LinkedHashMap<>();
		if (sample.group(3) != null) {
			Matcher label = LABEL.matcher(sample.group(3));
			while (label.find()) {
				labels.put(label.group(1), label.group(2));
			}
		}
		return new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4)));
	}

	Set<String> names() {
		return this.samples.stream().map(Sample::name).collect(Collectors.toSet());
	}

	List<Sample> named(String name) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	double sum(String name, Predicate<Map<String, String>> labels) {
		return named(name).stream().filter((sample) -> labels.test(sample.labels())).mapToDouble(Sample::value).sum();
	}

	double sum(String name) {
		return sum(name, (labels) -> true);
	}

	/**
	 * One line of the scrape.
	 *
	 * @param name the metric name
	 * @param labels the labels, by name
	 * @param value the value
	 */
	record Sample(String name, Map<String, String> labels, double value) {

	}

}
