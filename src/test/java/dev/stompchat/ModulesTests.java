package dev.stompchat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The application's modules and the way their dependencies point: a cycle between
 * modules, or a reach into another module's internals, fails the build. Also writes the
 * module diagrams that the README's architecture section shows, to {@code docs/modules}.
 */
class ModulesTests {

	static final String DIAGRAMS = "docs/modules";

	private final ApplicationModules modules = ApplicationModules.of(StompChatApplication.class);

	@Test
	void modulesDependOnEachOtherOneWayOnlyAndOnlyThroughTheirApi() {
		this.modules.verify();
	}

	@Test
	void moduleDiagramsAreWrittenFromTheCode() throws IOException {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder(DIAGRAMS)).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
		try (Stream<Path> diagrams = Files.list(Path.of(DIAGRAMS))) {
			for (Path diagram : diagrams.toList()) {
				Files.write(diagram, inStableOrder(Files.readAllLines(diagram)));
			}
		}
	}

	/**
	 * The Documenter lists components and relations in the order of a hash set, which
	 * differs from run to run: sorted, a diagram changes only when the modules do.
	 */
	static List<String> inStableOrder(List<String> lines) {
		List<String> sorted = new ArrayList<>(lines);
		int start = 0;
		while (start < sorted.size()) {
			int end = start;
			while (end < sorted.size() && sameKindOfListing(sorted.get(start), sorted.get(end))) {
				end++;
			}
			Collections.sort(sorted.subList(start, end));
			start = Math.max(end, start + 1);
		}
		return sorted;
	}

	private static boolean sameKindOfListing(String first, String line) {
		String kind = first.strip().startsWith("Rel(") ? "Rel("
				: first.strip().startsWith("Component(") ? "Component(" : null;
		return kind != null && line.strip().startsWith(kind);
	}

}
