package dev.cycles.admin.console.overview;

import dev.cycles.admin.console.common.Amounts;
import dev.cycles.admin.console.common.Views;
import dev.cycles.admin.model.UnitEnum;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Map;

/** Overview controller: tiles, clickable attention items, three charts. */
public final class OverviewView {
    private final OverviewViewModel vm;
    private final Parent root;

    @FXML private Label asOf;
    @FXML private HBox tiles;
    @FXML private VBox attention;
    @FXML private BarChart<String, Number> utilChart, spendChart;
    @FXML private StackedBarChart<String, Number> activityChart;
    @FXML private NumberAxis spendY;
    @FXML private ComboBox<UnitEnum> spendUnit;
    @FXML private javafx.scene.chart.PieChart tenantPie, budgetPie;
    @FXML private VBox recent;
    @FXML private javafx.scene.control.Hyperlink openAudit;

    public OverviewView(OverviewViewModel vm) {
        this.vm = vm;
        this.root = Views.load(this, "OverviewView.fxml");
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        asOf.textProperty().bind(vm.asOfProperty());
        vm.tiles().addListener((ListChangeListener<OverviewViewModel.Tile>) c -> drawTiles());
        vm.attention().addListener((ListChangeListener<OverviewViewModel.Attention>) c -> drawAttention());
        spendUnit.setItems(vm.spendUnits());
        spendUnit.valueProperty().bindBidirectional(vm.spendUnitProperty());
        spendUnit.setConverter(new StringConverter<>() {
            @Override
            public String toString(UnitEnum u) {
                return u == null ? "" : Amounts.unitLabel(u);
            }

            @Override
            public UnitEnum fromString(String s) {
                return null;
            }
        });
        utilChart.setId("utilChart");
        // charts scale down: their computed minimum would make the overview scroll sideways at 1024 px
        for (javafx.scene.layout.Region r : java.util.List.of(utilChart, spendChart, activityChart, tenantPie, budgetPie)) {
            r.setMinWidth(0);
        }
        activityChart.setCategoryGap(3);
        for (javafx.scene.chart.Axis<Number> a : java.util.List.of(utilChart.getYAxis(), activityChart.getYAxis())) {
            ((NumberAxis) a).setTickLabelFormatter(new StringConverter<>() {
                @Override
                public String toString(Number n) {
                    return n.doubleValue() == Math.rint(n.doubleValue()) ? String.format(java.util.Locale.US, "%,d", n.longValue()) : "";
                }

                @Override
                public Number fromString(String s) {
                    return null;
                }
            });
        }
        spendChart.setId("spendChart");
        activityChart.setId("activityChart");
        vm.utilization().addListener((ListChangeListener<Map.Entry<String, Long>>) c -> {
            utilChart.getData().setAll(series("budgets", vm.utilization(), v -> v));
            OverviewCharts.clickable(utilChart, "band", "over 100%"::equals, vm::openBand);
        });
        vm.spend().addListener((ListChangeListener<Map.Entry<String, Long>>) c -> drawSpend());
        vm.failures().addListener((ListChangeListener<Map.Entry<String, Long>>) c -> drawActivity());
        vm.tenantStatus().addListener((ListChangeListener<Map.Entry<String, Long>>) c ->
                OverviewCharts.pie(tenantPie, "tenants", vm.tenantStatus(), vm::openTenants));
        vm.budgetStatus().addListener((ListChangeListener<Map.Entry<String, Long>>) c ->
                OverviewCharts.pie(budgetPie, "budgets", vm.budgetStatus(), vm::openBudgets));
        vm.recent().addListener((ListChangeListener<dev.cycles.admin.model.AuditLogEntry>) c -> OverviewCharts.recent(recent, vm.recent()));
        openAudit.setOnAction(e -> vm.openAudit());
    }

    private static XYChart.Series<String, Number> series(String name, java.util.List<Map.Entry<String, Long>> data,
                                                         java.util.function.Function<Long, Number> f) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (Map.Entry<String, Long> e : data) {
            s.getData().add(new XYChart.Data<>(e.getKey(), f.apply(e.getValue())));
        }
        return s;
    }

    private void drawSpend() {
        UnitEnum u = vm.spendUnitProperty().get();
        boolean usd = u == UnitEnum.USD_MICROCENTS;
        spendY.setLabel(u == null ? "spent" : usd ? "spent (USD)" : "spent (" + Amounts.unitLabel(u) + ")");
        spendChart.getData().setAll(series("spent", vm.spend(), v -> usd ? v / (double) Amounts.UNITS_PER_USD : v));
        OverviewCharts.clickable(spendChart, "spend", t -> true, vm::openSpend);
    }

    private void drawActivity() {
        java.util.List<Map.Entry<String, Long>> ok = new java.util.ArrayList<>();
        for (int i = 0; i < vm.activity().size() && i < vm.failures().size(); i++) {
            Map.Entry<String, Long> a = vm.activity().get(i);
            ok.add(Map.entry(a.getKey(), a.getValue() - vm.failures().get(i).getValue()));
        }
        activityChart.getData().setAll(series("succeeded", ok, v -> v), series("failed (4xx/5xx)", vm.failures(), v -> v));
    }

    /** Each tile opens its list; each part of its breakdown ("1 frozen") opens that filtered list. */
    private void drawTiles() {
        tiles.getChildren().clear();
        for (OverviewViewModel.Tile t : vm.tiles()) {
            Label value = new Label(t.value());
            value.getStyleClass().add("tile-value");
            value.setId(t.id());
            Label label = new Label(t.label());
            label.getStyleClass().add("tile-label");
            label.setWrapText(true);
            javafx.scene.layout.FlowPane parts = new javafx.scene.layout.FlowPane(0, 0);
            parts.setRowValignment(javafx.geometry.VPos.BASELINE);
            for (int i = 0; i < t.parts().size(); i++) {
                OverviewViewModel.Link l = t.parts().get(i);
                javafx.scene.control.Hyperlink h = new javafx.scene.control.Hyperlink(l.text());
                if (i > 0) {
                    Label dot = new Label("·");
                    dot.getStyleClass().add("muted");
                    parts.getChildren().add(dot);
                }
                h.setId(t.id() + "-part-" + i);
                h.getStyleClass().add("tile-part");
                h.setOnAction(e -> {
                    e.consume();
                    vm.open(l.target(), l.filter());
                });
                parts.getChildren().add(h);
            }
            VBox box = new VBox(2, value, label, parts);
            box.getStyleClass().addAll("tile", "tile-clickable");
            box.setId(t.id() + "-box");
            // five tiles share 1024 px with the nav: narrower tiles wrap their text instead of widening the screen
            box.setMinWidth(100);
            box.setCursor(javafx.scene.Cursor.HAND);
            box.setAccessibleText("Open the list: " + t.value() + " " + t.label());
            box.setOnMouseClicked(e -> vm.open(t.target(), t.filter()));
            Tooltip.install(box, new Tooltip("Open the list: " + t.label()));
            HBox.setHgrow(box, Priority.ALWAYS);
            box.setMaxWidth(Double.MAX_VALUE);
            tiles.getChildren().add(box);
        }
    }

    private void drawAttention() {
        attention.getChildren().clear();
        int i = 0;
        for (OverviewViewModel.Attention a : vm.attention()) {
            Label badge = new Label(a.severity().equals("danger") ? "!" : a.severity().equals("ok") ? "✓" : "•");
            badge.getStyleClass().addAll("badge", "badge-" + (a.severity().equals("danger") ? "danger" : a.severity().equals("ok") ? "ok" : "warn"));
            badge.setMinWidth(22);
            badge.setAlignment(javafx.geometry.Pos.CENTER);
            javafx.scene.Node item;
            if (a.target() != null) {
                Button open = new Button(a.text() + "  ›");
                open.getStyleClass().addAll("flat", "attention-link");
                open.setId("attention-" + i);
                open.setOnAction(e -> vm.open(a));
                open.setAccessibleText("Open the list: " + a.text());
                open.setWrapText(true);
                open.setMnemonicParsing(false);
                open.setMaxWidth(Double.MAX_VALUE);
                item = open;
            } else {
                Label l = new Label(a.text());
                l.setWrapText(true);
                l.setId("attention-" + i);
                item = l;
            }
            HBox row = new HBox(8, badge, item);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            attention.getChildren().add(row);
            i++;
        }
    }
}
