package io.github.sagemakerstreaming.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meters that the README's table documents, each with its type and tags: the
 * {@code *call*} tags are those of the table whose header is {@code Call tag}.
 */
final class DocumentedMeters {

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final String SECTION = "### Observation and meters";

	private DocumentedMeters() {
	}

	static List<Meter> of(Path readme) throws IOException {
		String text = Files.readString(readme);
		int start = text.indexOf(SECTION);
		String section = text.substring(start, text.indexOf("\n### ", start + SECTION.length()));
		List<String[]> meters = rows(section, "| Meter |");
		Set<String> callTags = new LinkedHashSet<>();
		rows(section, "| Call tag |").forEach((row) -> callTags.addAll(codes(row[0])));
		List<Meter> documented = new ArrayList<>();
		for (String[] row : meters) {
			Set<String> tags = new LinkedHashSet<>(codes(row[2]));
			if (row[2].contains("*call*")) {
				tags.addAll(callTags);
			}
			documented.add(new Meter(codes(row[0]).get(0), row[1].trim(), tags));
		}
		return documented;
	}

	/**
	 * The cells of the rows of the table whose header starts as given.
	 */
	private static List<String[]> rows(String section, String header) {
		List<String> lines = section.lines().toList();
		int headerLine = lines
			.indexOf(lines.stream().filter((line) -> line.startsWith(header)).findFirst().orElseThrow());
		List<String[]> rows = new ArrayList<>();
		for (String line : lines.subList(headerLine + 2, lines.size())) {
			if (!line.startsWith("|")) {
				break;
			}
			rows.add(line.substring(1).split("\\|"));
		}
		return rows;
	}

	private static List<String> codes(String cell) {
		List<String> codes = new ArrayList<>();
		Matcher code = CODE.matcher(cell);
		while (code.find()) {
			codes.add(code.group(1));
		}
		return codes;
	}

	/**
	 * A documented meter.
	 *
	 * @param name its Micrometer name
	 * @param type its type as the table gives it: {@code timer}, {@code long task timer},
	 * {@code counter} or {@code gauge}
	 * @param tags its tag keys
	 */
	record Meter(String name, String type, Set<String> tags) {

		/**
		 * The name of the sample that Prometheus's registry writes for every series of
		 * the meter: the count of a timer, the total of a counter, the value of a gauge.
		 */
		String series() {
			String base = this.name.replace('.', '_');
			return switch (this.type) {
				case "timer", "long task timer" -> base + "_seconds_count";
				case "counter" -> base + "_total";
				case "gauge" -> base;
				default -> throw new IllegalStateException("No meter type " + this.type + " in Micrometer");
			};
		}

		/**
		 * The tag keys as Prometheus labels.
		 */
		Set<String> labels() {
			Set<String> labels = new LinkedHashSet<>();
			this.tags.forEach((tag) -> labels.add(tag.replace('.', '_')));
			return labels;
		}

	}

}
