package io.github.sagemakerstreaming.sample;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The agent mode's demonstration tool: the local time in a city, found among the Java
 * time zone ids by its name ({@code Oslo} is {@code Europe/Oslo}, {@code New York} is
 * {@code America/New_York}). One instance serves one question and records the calls it
 * answered, for the page to show.
 */
class CityClock {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final List<Run> runs = new CopyOnWriteArrayList<>();

	@Tool(description = "The current local time in a city")
	String localTime(@ToolParam(description = "The city, for example Oslo or New York") String city) {
		String result = zoneOf(city).map((zone) -> LocalTime.now(zone).format(TIME) + " in " + zone.getId())
			.orElse("No time zone is known for " + city);
		this.runs.add(new Run("localTime", city, result));
		return result;
	}

	List<Run> runs() {
		return this.runs;
	}

	private static java.util.Optional<ZoneId> zoneOf(String city) {
		String wanted = "/" + city.strip().replace(' ', '_').toLowerCase(Locale.ROOT);
		return ZoneId.getAvailableZoneIds()
			.stream()
			.filter((id) -> id.toLowerCase(Locale.ROOT).endsWith(wanted))
			.sorted()
			.findFirst()
			.map(ZoneId::of);
	}

	/**
	 * One call of the tool.
	 *
	 * @param tool the tool's name
	 * @param argument what it was asked
	 * @param result what it answered
	 */
	record Run(String tool, String argument, String result) {

	}

}
