// The render stage alone, on one thread: builds a project once, then renders all its pages ROUNDS times in memory
// (SiteRenderer.renderText, as the build does, without writing them); thread CPU time per round, and the median of the
// rounds after the first (which warms the JIT). Run each jar alternately to compare them (docs/benchmarks.md).
//   mvn -B -q package -DskipTests && java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
//     -cp target/vitrine.jar bench/RenderBench.java SRC OUT [ROUNDS]     (SRC: e.g. bench/generate.py 2000 SRC)
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.util.*;
import fr.vitrine.build.Build;
import fr.vitrine.render.SiteRenderer;
public class RenderBench {
    public static void main(String[] a) throws Exception {
        SiteRenderer[] r = new SiteRenderer[1];
        int code = new Build(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), System.err)
                .retaining(b -> r[0] = b.renderer())
                .run(new Build.Options(Path.of(a[0]), Path.of(a[1]), null, false));
        if (r[0] == null) throw new IllegalStateException("build " + code);
        var m = SiteRenderer.class.getDeclaredMethod("renderText", SiteRenderer.PageSpec.class, Map.class);
        m.setAccessible(true);
        var f = SiteRenderer.class.getDeclaredField("config"); f.setAccessible(true);
        Map<String, Object> cfg = ((fr.vitrine.read.SiteConfig) f.get(r[0])).jbake().asHashMap();
        var mx = ManagementFactory.getThreadMXBean();
        int rounds = a.length > 2 ? Integer.parseInt(a[2]) : 6;
        List<SiteRenderer.PageSpec> pages = r[0].pages();
        long[] t = new long[rounds]; long bytes = 0;
        for (int k = 0; k < rounds; k++) {
            long c = mx.getCurrentThreadCpuTime();
            for (var p : pages) { byte[] b = (byte[]) m.invoke(r[0], p, cfg); bytes += b == null ? 0 : b.length; }
            t[k] = mx.getCurrentThreadCpuTime() - c;
        }
        long[] s = Arrays.copyOfRange(t, 1, rounds); Arrays.sort(s);
        System.out.printf("pages %d rounds(ms) %s median %.0f ms min %.0f ms (%d)%n", pages.size(),
            Arrays.toString(Arrays.stream(t).map(x -> x / 1_000_000).toArray()), s[s.length / 2] / 1e6, s[0] / 1e6, bytes);
    }
}
