package dev.cycles.admin.console.client;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stand-ins for the admin and runtime APIs in ViewModel tests: each answer is a function of the
 * call's arguments; any call the test did not expect fails loudly; every call is recorded.
 */
public final class Fakes {
    /** One recorded call: method name and arguments. */
    public record Call(String method, List<Object> args) { }

    private final Map<String, Function<Object[], Object>> answers;
    private final List<Call> calls = new ArrayList<>();

    public Fakes(Map<String, Function<Object[], Object>> answers) {
        this.answers = answers;
    }

    public List<Call> calls() {
        return calls;
    }

    public AdminApi admin() {
        return proxy(AdminApi.class);
    }

    public RuntimeApi runtime() {
        return proxy(RuntimeApi.class);
    }

    private <T> T proxy(Class<T> type) {
        Object p = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("toString") ? "fake " + type.getSimpleName() : m.invoke(this, args);
            }
            if (m.getName().equals("baseUrl") && !answers.containsKey("baseUrl")) {
                return "http://fake.invalid/";
            }
            Object[] a = args == null ? new Object[0] : args;
            calls.add(new Call(m.getName(), List.of(a)));
            Function<Object[], Object> f = answers.get(m.getName());
            if (f == null) {
                throw new AssertionError("Unexpected call " + m.getName() + List.of(a));
            }
            return f.apply(a);
        });
        return type.cast(p);
    }
}
