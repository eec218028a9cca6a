package org.keybridge.cli;

/** The bench's baseline for a cold start: a bare Java Hello-World, started the way the agent is. */
public final class HelloWorld {
    private HelloWorld() {}

    /** Prints "hello"; with {@code --wait} then idles until stdin closes (so its memory can be read). */
    public static void main(String[] args) throws java.io.IOException {
        System.out.println("hello");
        System.out.flush();
        if (args.length > 0 && args[0].equals("--wait")) {
            while (System.in.read() >= 0) {
                // idle
            }
        }
    }
}
