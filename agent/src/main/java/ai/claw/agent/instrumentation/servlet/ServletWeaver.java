package ai.claw.agent.instrumentation.servlet;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Writes the HTTP instrumentation straight into every {@code Servlet.service(request, response)}
 * and {@code Filter.doFilter(request, response, chain)} a class declares, with ASM alone: no
 * ByteBuddy {@code Advice} and no type description, whose classes (about 550 of them, loaded,
 * verified and run in the interpreter) were most of what the first servlet cost an application's
 * start. Each such method becomes
 *
 * <pre>
 * try { Object s = HttpFacade.enter();                      // this thread's state if outermost
 *       if (s != null &amp;&amp; request instanceof HttpServletRequest
 *           &amp;&amp; request.getDispatcherType() == REQUEST) HttpFacade.started(s);
 * } catch (Throwable t) { AgentHealth.suppressed(t); }
 * Throwable thrown = null;
 * try { original body } catch (Throwable t) { thrown = t; }  // every return jumps out here too
 * try { long start = HttpFacade.exit();                      // non-zero: the outermost REQUEST
 *       if (start != 0) { route, async listener or status; HttpFacade.finished(...) }
 * } catch (Throwable t) { AgentHealth.suppressed(t); }
 * if (thrown != null) throw thrown;
 * </pre>
 *
 * The method's own locals are left where they are: the code before the body uses slots past the
 * arguments only before the body starts, the code after it only after it ends, and the start time
 * crosses the body in the thread's state ({@link ai.claw.agent.bootstrap.HttpFacade}), so none of
 * the body's stack map frames changes. The frames of the code written here are written here, from
 * the method's descriptor (class files from Java 6 on; older ones have none).
 */
final class ServletWeaver extends ClassVisitor {

    private static final String FACADE = "ai/claw/agent/bootstrap/HttpFacade";
    private static final String HEALTH = "ai/claw/agent/bootstrap/AgentHealth";
    private static final String THROWABLE = "java/lang/Throwable";
    private static final String OBJECT = "java/lang/Object";
    private static final String STRING = "java/lang/String";
    /** Spring MVC's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}: the route template, when there is one. */
    static final String SPRING_ROUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    /** {@code javax/servlet/} or {@code jakarta/servlet/}. */
    private final String pkg;
    private final String request;
    private final String response;
    private final String httpRequest;
    private final String serviceDescriptor;
    private final String doFilterDescriptor;
    private String owner;
    private boolean frames;
    private boolean woven;

    private ServletWeaver(ClassVisitor next, String pkg) {
        super(Opcodes.ASM9, next);
        this.pkg = pkg;
        this.request = pkg + "ServletRequest";
        this.response = pkg + "ServletResponse";
        this.httpRequest = pkg + "http/HttpServletRequest";
        this.serviceDescriptor = "(L" + request + ";L" + response + ";)V";
        this.doFilterDescriptor = "(L" + request + ";L" + response + ";L" + pkg + "FilterChain;)V";
    }

    /**
     * The class file with the instrumentation written into its {@code service} and
     * {@code doFilter} methods, or null if it declares neither (with a body).
     * {@code servletPackage} is {@code javax.servlet} or {@code jakarta.servlet}.
     */
    static byte[] weave(byte[] classFile, String servletPackage) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        ServletWeaver weaver = new ServletWeaver(writer, servletPackage.replace('.', '/') + "/");
        reader.accept(weaver, ClassReader.EXPAND_FRAMES);
        return weaver.woven ? writer.toByteArray() : null;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        frames = (version & 0xFFFF) >= Opcodes.V1_6;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        int skipped = Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
        boolean service = "service".equals(name) && serviceDescriptor.equals(descriptor);
        boolean doFilter = "doFilter".equals(name) && doFilterDescriptor.equals(descriptor);
        if (next == null || (access & skipped) != 0 || !(service || doFilter)) {
            return next;
        }
        woven = true;
        Object[] arguments = doFilter
                ? new Object[] {owner, request, response, pkg + "FilterChain"}
                : new Object[] {owner, request, response};
        return new Dispatch(next, arguments);
    }

    /** One {@code service}/{@code doFilter} method: the entry before its body, the exit after it. */
    private final class Dispatch extends MethodVisitor {
        /** The frame's locals at the method's start: {@code this} and the arguments. */
        private final Object[] arguments;
        /** The first slot after the arguments, where the exit keeps what it was thrown. */
        private final int thrownSlot;
        private final Label bodyStart = new Label();
        private final Label bodyEnd = new Label();
        private final Label exit = new Label();
        private final Label thrown = new Label();
        private boolean begun;

        Dispatch(MethodVisitor next, Object[] arguments) {
            super(Opcodes.ASM9, next);
            this.arguments = arguments;
            this.thrownSlot = arguments.length;
        }

        /**
         * Before the body's first instruction, once the reader has passed on the body's own
         * exception handlers: the body's catch-all comes after them in the table, so the body's
         * handlers still catch first.
         */
        private void begin() {
            if (begun) {
                return;
            }
            begun = true;
            writeEntry();
            super.visitTryCatchBlock(bodyStart, bodyEnd, thrown, THROWABLE);
            super.visitLabel(bodyStart);
        }

        private void writeEntry() {
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            Label notRecorded = new Label();
            Label done = new Label();
            super.visitTryCatchBlock(start, end, handler, THROWABLE);
            super.visitLabel(start);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, FACADE, "enter", "()Ljava/lang/Object;", false);
            super.visitInsn(Opcodes.DUP);
            super.visitJumpInsn(Opcodes.IFNULL, notRecorded);
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitTypeInsn(Opcodes.INSTANCEOF, httpRequest);
            super.visitJumpInsn(Opcodes.IFEQ, notRecorded);
            loadHttpRequest();
            super.visitMethodInsn(Opcodes.INVOKEINTERFACE, httpRequest, "getDispatcherType",
                    "()L" + pkg + "DispatcherType;", true);
            super.visitFieldInsn(Opcodes.GETSTATIC, pkg + "DispatcherType", "REQUEST", "L" + pkg + "DispatcherType;");
            super.visitJumpInsn(Opcodes.IF_ACMPNE, notRecorded);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, FACADE, "started", "(Ljava/lang/Object;)V", false);
            super.visitJumpInsn(Opcodes.GOTO, done);
            super.visitLabel(notRecorded);
            frame(arguments, OBJECT);
            super.visitInsn(Opcodes.POP);
            super.visitLabel(end);
            super.visitJumpInsn(Opcodes.GOTO, done);
            super.visitLabel(handler);
            frame(arguments, THROWABLE);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HEALTH, "suppressed", "(Ljava/lang/Throwable;)V", false);
            super.visitLabel(done);
            frame(arguments);
            super.visitInsn(Opcodes.NOP); // the body's first instruction may carry a frame of its own
        }

        /** After the body: what ended it (null for a return) goes to the exit, then is rethrown. */
        private void writeExit(int maxStack, int maxLocals) {
            super.visitLabel(bodyEnd);
            super.visitLabel(exit);
            frame(arguments);
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitJumpInsn(Opcodes.GOTO, thrown);
            super.visitLabel(thrown);
            frame(arguments, THROWABLE);
            super.visitVarInsn(Opcodes.ASTORE, thrownSlot);

            int startSlot = thrownSlot + 1;
            int routeSlot = thrownSlot + 3;
            Object[] withThrown = append(arguments, THROWABLE);
            Object[] recording = append(withThrown, Opcodes.LONG, OBJECT);
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            Label synchronous = new Label();
            Label noListener = new Label();
            Label status = new Label();
            Label finish = new Label();
            Label done = new Label();
            Label returns = new Label();
            super.visitTryCatchBlock(start, end, handler, THROWABLE);
            super.visitLabel(start);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, FACADE, "exit", "()J", false);
            super.visitVarInsn(Opcodes.LSTORE, startSlot);
            super.visitVarInsn(Opcodes.LLOAD, startSlot);
            super.visitInsn(Opcodes.LCONST_0);
            super.visitInsn(Opcodes.LCMP);
            super.visitJumpInsn(Opcodes.IFEQ, done);
            loadHttpRequest();
            super.visitLdcInsn(SPRING_ROUTE);
            super.visitMethodInsn(Opcodes.INVOKEINTERFACE, httpRequest, "getAttribute", "(Ljava/lang/String;)Ljava/lang/Object;", true);
            super.visitVarInsn(Opcodes.ASTORE, routeSlot);
            // thrown == null && request.isAsyncStarted(): the request ends when its async context completes
            super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
            super.visitJumpInsn(Opcodes.IFNONNULL, synchronous);
            loadHttpRequest();
            super.visitMethodInsn(Opcodes.INVOKEINTERFACE, httpRequest, "isAsyncStarted", "()Z", true);
            super.visitJumpInsn(Opcodes.IFEQ, synchronous);
            super.visitLdcInsn(Type.getObjectType(pkg + "AsyncListener"));
            loadRecorded(startSlot, routeSlot);
            super.visitVarInsn(Opcodes.ALOAD, 2);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, FACADE, "asyncListener",
                    "(Ljava/lang/Class;JLjava/lang/String;Ljava/lang/String;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false);
            super.visitInsn(Opcodes.DUP);
            super.visitJumpInsn(Opcodes.IFNULL, noListener);
            loadHttpRequest();
            super.visitMethodInsn(Opcodes.INVOKEINTERFACE, httpRequest, "getAsyncContext", "()L" + pkg + "AsyncContext;", true);
            super.visitInsn(Opcodes.SWAP);
            super.visitTypeInsn(Opcodes.CHECKCAST, pkg + "AsyncListener");
            super.visitMethodInsn(Opcodes.INVOKEINTERFACE, pkg + "AsyncContext", "addListener", "(L" + pkg + "AsyncListener;)V", true);
            super.visitJumpInsn(Opcodes.GOTO, end);
            super.visitLabel(noListener);
            frame(recording, OBJECT);
            super.visitInsn(Opcodes.POP);
            super.visitLabel(synchronous);
            frame(recording);
            // HttpFacade.finished(start, method, uri, route, thrown != null ? 500 : response.getStatus(), response)
            loadRecorded(startSlot, routeSlot);
            super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
            super.visitJumpInsn(Opcodes.IFNULL, status);
            super.visitIntInsn(Opcodes.SIPUSH, 500);
            super.visitJumpInsn(Opcodes.GOTO, finish);
            super.visitLabel(status);
            frame(recording, Opcodes.LONG, STRING, STRING, OBJECT);
            super.visitVarInsn(Opcodes.ALOAD, 2);
            super.visitTypeInsn(Opcodes.CHECKCAST, pkg + "http/HttpServletResponse");
            super.visitMethodInsn(Opcodes.INVOKEINTERFACE, pkg + "http/HttpServletResponse", "getStatus", "()I", true);
            super.visitLabel(finish);
            frame(recording, Opcodes.LONG, STRING, STRING, OBJECT, Opcodes.INTEGER);
            super.visitVarInsn(Opcodes.ALOAD, 2);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, FACADE, "finished",
                    "(JLjava/lang/String;Ljava/lang/String;Ljava/lang/Object;ILjava/lang/Object;)V", false);
            super.visitLabel(end);
            frame(withThrown);
            super.visitJumpInsn(Opcodes.GOTO, done);
            super.visitLabel(handler);
            frame(withThrown, THROWABLE);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HEALTH, "suppressed", "(Ljava/lang/Throwable;)V", false);
            super.visitLabel(done);
            frame(withThrown);
            super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
            super.visitJumpInsn(Opcodes.IFNULL, returns);
            super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
            super.visitInsn(Opcodes.ATHROW);
            super.visitLabel(returns);
            frame(withThrown);
            super.visitInsn(Opcodes.RETURN);
            super.visitMaxs(Math.max(maxStack, 10), Math.max(maxLocals, routeSlot + 1));
        }

        /** Start, method, URI, route: what {@code asyncListener} and {@code finished} are given of the request. */
        private void loadRecorded(int startSlot, int routeSlot) {
            super.visitVarInsn(Opcodes.LLOAD, startSlot);
            loadHttpRequest();
            super.visitMethodInsn(Opcodes.INVOKEINTERFACE, httpRequest, "getMethod", "()Ljava/lang/String;", true);
            loadHttpRequest();
            super.visitMethodInsn(Opcodes.INVOKEINTERFACE, httpRequest, "getRequestURI", "()Ljava/lang/String;", true);
            super.visitVarInsn(Opcodes.ALOAD, routeSlot);
        }

        private void loadHttpRequest() {
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitTypeInsn(Opcodes.CHECKCAST, httpRequest);
        }

        /** A full frame (class files before Java 6 have none): these locals, this stack. */
        private void frame(Object[] locals, Object... stack) {
            if (frames) {
                super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
            }
        }

        // Every return of the body jumps to the exit; everything else passes through, after the entry.

        @Override
        public void visitInsn(int opcode) {
            begin();
            if (opcode == Opcodes.RETURN) {
                super.visitJumpInsn(Opcodes.GOTO, exit);
            } else {
                super.visitInsn(opcode);
            }
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            begin();
            super.visitFrame(type, numLocal, local, numStack, stack);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            begin();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            begin();
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            begin();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            begin();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            begin();
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrapMethodHandle,
                                           Object... bootstrapMethodArguments) {
            begin();
            super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            begin();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLabel(Label label) {
            begin();
            super.visitLabel(label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            begin();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            begin();
            super.visitIincInsn(varIndex, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            begin();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            begin();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            begin();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            begin();
            writeExit(maxStack, maxLocals);
        }
    }

    private static Object[] append(Object[] head, Object... tail) {
        Object[] all = new Object[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
