package io.github.sagemakerstreaming.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Markdown page into its sections at each {@code ## } heading (a line inside a
 * fenced code block is never a heading); what comes before the first is a section of its
 * own, titled by the page's {@code # } heading.
 */
final class ReadmeSections {

	private ReadmeSections() {
	}

	/**
	 * A section: its heading's text and its whole Markdown, heading included.
	 *
	 * @param title the heading's text
	 * @param text the section's Markdown
	 */
	record Section(String title, String text) {

	}

	static List<Section> of(String markdown) {
		List<Section> sections = new ArrayList<>();
		String title = "";
		StringBuilder text = new StringBuilder();
		boolean fenced = false;
		for (String line : markdown.split("\n", -1)) {
			if (line.startsWith("```")) {
				fenced = !fenced;
			}
			if (!fenced && line.startsWith("## ")) {
				add(sections, title, text);
				title = line.substring(3).strip();
				text.setLength(0);
			}
			else if (!fenced && title.isEmpty() && line.startsWith("# ")) {
				title = line.substring(2).strip();
			}
			text.append(line).append('\n');
		}
		add(sections, title, text);
		return sections;
	}

	private static void add(List<Section> sections, String title, StringBuilder text) {
		if (!text.toString().isBlank()) {
			sections.add(new Section(title, text.toString().strip()));
		}
	}

}
