package ai.claw.agent;

import net.bytebuddy.agent.ByteBuddyAgent;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.List;

/**
 * {@code java -jar claw-ai-agent.jar list} shows the JVMs on this machine;
 * {@code java -jar claw-ai-agent.jar attach <pid> [k=v,...]} starts the agent in one of them.
 */
public final class AgentCli {

    private AgentCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && args[0].equals("list")) {
            return list(out, err);
        }
        if ((args.length == 2 || args.length == 3) && args[0].equals("attach")) {
            return attach(args[1], args.length == 3 ? args[2] : "", out, err);
        }
        err.println("usage: java -jar claw-ai-agent.jar list");
        err.println("       java -jar claw-ai-agent.jar attach <pid> [key=value,...]");
        err.println("       java -javaagent:claw-ai-agent.jar[=key=value,...] -jar your-app.jar");
        return 2;
    }

    private static int list(PrintStream out, PrintStream err) {
        try {
            Class<?> vm = Class.forName("com.sun.tools.attach.VirtualMachine");
            List<?> descriptors = (List<?>) vm.getMethod("list").invoke(null);
            for (Object d : descriptors) {
                Method id = d.getClass().getMethod("id");
                Method name = d.getClass().getMethod("displayName");
                id.setAccessible(true);
                name.setAccessible(true);
                out.println(id.invoke(d) + "\t" + name.invoke(d));
            }
            return 0;
        } catch (Exception | LinkageError e) {
            err.println("cannot list JVMs (" + e + "): run this with a JDK, not a JRE (the jdk.attach module is needed)");
            return 1;
        }
    }

    private static int attach(String pid, String agentArgs, PrintStream out, PrintStream err) {
        if (!pid.matches("[0-9]+")) {
            err.println("'" + pid + "' is not a process id; see 'java -jar claw-ai-agent.jar list'");
            return 2;
        }
        try {
            File jar = new File(AgentCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            ByteBuddyAgent.attach(jar, pid, agentArgs);
            out.println("attached " + jar.getName() + " to JVM " + pid
                    + "; its metrics appear on the configured port (default 9464) within a second");
            return 0;
        } catch (Exception | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("cannot attach to JVM " + pid + " (" + cause + "): check the pid, that it runs as the same user,"
                    + " and that it was not started with -XX:+DisableAttachMechanism");
            return 1;
        }
    }
}
