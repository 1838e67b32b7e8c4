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
	void moduleDiagramsAreWrittenFromTheCode() {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder(DIAGRAMS)).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
	}

}
