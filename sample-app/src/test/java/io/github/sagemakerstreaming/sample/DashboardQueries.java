package io.github.sagemakerstreaming.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL queries of a Grafana dashboard (every panel target's {@code expr}, and the
 * template variables' {@code label_values} queries) and the metric names they read.
 */
final class DashboardQueries {

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,]+),[^)]*\\)");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b\\s*(\\()?");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan");

	private DashboardQueries() {
	}

	/**
	 * Returns every query of the dashboard.
	 */
	static List<String> of(Path dashboard) {
		JsonNode root = JsonMapper.builder().build().readTree(dashboard.toFile());
		List<String> queries = new ArrayList<>();
		root.findValues("expr").forEach((expr) -> queries.add(expr.asString()));
		root.path("templating").path("list").forEach((variable) -> {
			if (variable.path("query").isObject()) {
				queries.add(variable.path("query").path("query").asString());
			}
		});
		return queries;
	}

	/**
	 * Returns the metric names a query reads: what is left of it once strings, label
	 * matchers, ranges, groupings, Grafana's variables, functions and keywords are taken
	 * out.
	 */
	static Set<String> metricNames(String query) {
		String bare = LABEL_VALUES.matcher(query).replaceAll("$1");
		bare = STRING.matcher(bare).replaceAll(" ");
		bare = bare.replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^\\]]*\\]", " ").replaceAll("\\$\\w+", " ");
		bare = GROUPING.matcher(bare).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher identifier = IDENTIFIER.matcher(bare);
		while (identifier.find()) {
			String name = identifier.group(1);
			if (identifier.group(2) == null && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

}
