package dev.occlude.spark;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A servlet filter that refuses every request with 403. Spark 4's standalone master and worker
 * always bind a web UI (there is no setting to leave it out); {@code scripts/spark-cluster} gives
 * them this filter through {@code spark.ui.filters}, so their UIs serve no page, no log and no
 * action (such as killing an application) to anyone who can reach the port.
 */
public final class ClosedWebUi implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
        ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN,
                "this Spark web UI is turned off (scripts/spark-cluster)");
    }
}
