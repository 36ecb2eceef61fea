// The read stage's steps for each convention of a folder, on one thread, as CatalogLoader runs them: read and check
// the characters (TextFile), split the front matter, parse the YAML, the privacy check of the front matter and of the
// body, pack the redacted file, render the body with commonmark, pack the HTML. Thread CPU time per file and step,
// for each round (the first is the coldest, as in a build):
//   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp target/vitrine.jar bench/ReadSteps.java DIR/content/conventions [ROUNDS]
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.util.*;
import fr.vitrine.read.*;
import fr.vitrine.privacy.*;
import fr.vitrine.model.PackedText;
import fr.vitrine.diagnostics.Diagnostics;
public class ReadSteps {
    public static void main(String[] a) throws Exception {
        var mx = ManagementFactory.getThreadMXBean();
        List<Path> files;
        try (var s = Files.list(Path.of(a[0]))) { files = s.sorted().toList(); }
        int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 3;
        String[] names = {"readUtf8", "frontMatter", "yaml", "privacy fm", "privacy body", "pack md", "md render", "pack html"};
        long[] t = new long[names.length]; long sink = 0;
        Policy policy = Policy.defaults();
        for (int r = 0; r < rounds; r++) {
            long[] rt = new long[names.length];
            for (Path f : files) {
                Diagnostics d = new Diagnostics();
                long c0 = mx.getCurrentThreadCpuTime();
                String text = TextFile.readUtf8(f, d);
                long c1 = mx.getCurrentThreadCpuTime();
                FrontMatter fm = FrontMatter.split(f, text, d);
                long c2 = mx.getCurrentThreadCpuTime();
                YamlTree y = YamlTree.parse(f, fm.yaml(), fm.yamlFirstLine(), d, true);
                long c3 = mx.getCurrentThreadCpuTime();
                String front = text.substring(0, text.length() - fm.body().length());
                PrivacyCheck.report(f, front, 1, PrivacyCheck.Where.DATA, policy, d);
                long c4 = mx.getCurrentThreadCpuTime();
                String pub = PrivacyCheck.report(f, fm.body(), fm.bodyFirstLine(), PrivacyCheck.Where.TEXT, policy, d);
                long c5 = mx.getCurrentThreadCpuTime();
                PackedText pm = PackedText.of(front + pub);
                long c6 = mx.getCurrentThreadCpuTime();
                Markdown.Rendered html = Markdown.render(pub, "Lien vers cet article");
                long c7 = mx.getCurrentThreadCpuTime();
                PackedText ph = PackedText.of(html.html());
                long c8 = mx.getCurrentThreadCpuTime();
                long[] c = {c0, c1, c2, c3, c4, c5, c6, c7, c8};
                for (int i = 0; i < names.length; i++) rt[i] += c[i + 1] - c[i];
                sink += pm.packedSize() + ph.packedSize() + y.hashCode();
            }
            StringBuilder sb = new StringBuilder("round " + r + ":");
            long tot = 0;
            for (int i = 0; i < names.length; i++) { sb.append(String.format(" %s %.0f", names[i], rt[i] / 1e3 / files.size())); tot += rt[i]; if (r > 0) t[i] += rt[i]; }
            System.out.println(sb + String.format(" | total %.0f us/file", tot / 1e3 / files.size()));
        }
        System.out.println(sink);
    }
}
