package io.github.sagemakerstreaming.springai.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The samples of a Prometheus text scrape: each line's metric name, labels and value.
 */
record Scrape(List<Sample> samples) {

	static Scrape of(String text) {
		return new Scrape(
				text.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).map(Sample::of).toList());
	}

	Set<String> names() {
		return this.samples.stream().map(Sample::name).collect(Collectors.toSet());
	}

	double sum(String name, String label, String value) {
		return this.samples.stream()
			.filter((sample) -> sample.name().equals(name) && sample.labels().contains(label + "=\"" + value + "\""))
			.mapToDouble(Sample::value)
			.sum();
	}

	record Sample(String name, String labels, double value) {

		static Sample of(String line) {
			int labels = line.indexOf('{');
			int end = line.lastIndexOf(' ');
			return (labels < 0) ? new Sample(line.substring(0, end), "", Double.parseDouble(line.substring(end + 1)))
					: new Sample(line.substring(0, labels), line.substring(labels, line.lastIndexOf('}') + 1),
							Double.parseDouble(line.substring(end + 1)));
		}

	}

}
