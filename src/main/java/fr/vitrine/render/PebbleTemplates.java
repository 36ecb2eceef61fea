package fr.vitrine.render;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import fr.vitrine.read.BuiltIn;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.template.AbstractTemplateEngine;
import org.jbake.template.RenderingException;
import org.jbake.template.model.TemplateModel;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JBake template engine for Pebble 3.2+/4 ({@code io.pebbletemplates}); JBake's bundled one targets the old
 * {@code com.mitchellbosecke} package and silently renders empty pages with current Pebble.
 * Auto-escaping and strict variables are on: a typo in a template fails the build instead of printing nothing.
 */
public final class PebbleTemplates extends AbstractTemplateEngine {

    private final PebbleEngine engine;

    /** Templates are looked up in {@code folders} in order (see {@link Theme#templateFolders()}). */
    public PebbleTemplates(JBakeConfiguration config, List<Path> folders) {
        // No ContentStore: Vitrine keeps documents in memory and never starts OrientDB.
        super(config, null);
        List<Loader<?>> loaders = new ArrayList<>();
        for (Path folder : folders) {
            // Built-in templates are read from the class path (they may be inside the jar), a project's from disk.
            Loader<?> loader;
            if (BuiltIn.contains(folder)) {
                loader = new ClasspathLoader(PebbleTemplates.class.getClassLoader());
                loader.setPrefix(BuiltIn.resourceName(folder));
            } else {
                loader = new FileLoader(folder.toString());
            }
            loader.setCharset(config.getTemplateEncoding());
            loaders.add(loader);
        }
        this.engine = new PebbleEngine.Builder()
                .loader(new ResolvingOnce(loaders))
                .extension(new SiteExtension())
                .autoEscaping(true)
                .strictVariables(true)
                .defaultLocale(Locale.FRANCE)
                .newLineTrimming(true)
                .build();
    }

    /**
     * Resolves each include's name once per including template: Pebble resolves it on every include of every page,
     * through every loader (a pattern replacement each, 1.5 % of a build's samples). Bounded by the templates' includes.
     */
    private static final class ResolvingOnce extends DelegatingLoader {
        private final Map<String, Optional<String>> resolved = new ConcurrentHashMap<>();

        ResolvingOnce(List<Loader<?>> loaders) {
            super(loaders);
        }

        @Override
        public String resolveRelativePath(String relativePath, String anchorPath) {
            return resolved.computeIfAbsent(relativePath + '\0' + anchorPath,
                    k -> Optional.ofNullable(super.resolveRelativePath(relativePath, anchorPath))).orElse(null);
        }
    }

    @Override
    public void renderDocument(TemplateModel model, String templateName, Writer writer) throws RenderingException {
        try {
            PageTextWriter french = new PageTextWriter(writer);
            engine.getTemplate(templateName).evaluate(french, model, Locale.FRANCE);
            french.close();
        } catch (PebbleException | IOException e) {
            throw new RenderingException(e);
        }
    }
}
