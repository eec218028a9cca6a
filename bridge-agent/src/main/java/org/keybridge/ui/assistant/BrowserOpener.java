package org.keybridge.ui.assistant;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a portal's page in the user's default browser. */
@FunctionalInterface
public interface BrowserOpener {
    /** True when a browser was asked to open the page. */
    boolean open(URI page);

    /** {@link Desktop#browse} where the desktop supports it, else xdg-open (Linux desktops without the GNOME libraries). */
    static BrowserOpener system() {
        return page -> {
            try {
                if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                    Desktop.getDesktop().browse(page);
                    return true;
                }
                for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                    Path x = Path.of(dir, "xdg-open");
                    if (Files.isExecutable(x)) {
                        new ProcessBuilder(x.toString(), page.toString()).redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                        return true;
                    }
                }
                return false;
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        };
    }
}
