package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuItemId;
import dev.iamkit.model.MenuNode;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.View;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Builders of menu definitions and a compact text form of menu trees, for the menu contracts. */
final class MenuFixtures {
    private final IamDatabase db;

    MenuFixtures(IamDatabase db) {
        this.db = db;
    }

    /** An id no store has made. */
    static MenuItemId unknownItem() {
        return MenuItemId.of(UUID.randomUUID());
    }

    MenuItem group(String label, int position) {
        return db.navigation().create(NewMenuItem.group(label, position));
    }

    MenuItem group(MenuItem parent, String label, int position) {
        return db.navigation().create(NewMenuItem.group(label, position).under(parent.id()));
    }

    MenuItem link(View view, String label, int position) {
        return db.navigation().create(NewMenuItem.link(view.id(), label, position));
    }

    MenuItem link(MenuItem parent, View view, String label, int position) {
        return db.navigation().create(NewMenuItem.link(view.id(), label, position).under(parent.id()));
    }

    MenuItem stored(MenuItem item) {
        return db.navigation().find(item.id()).orElseThrow();
    }

    /** A tree as text: labels, children in brackets, e.g. {@code "Sales[Invoices, Quotes], Help"}. */
    static String shape(List<MenuNode> nodes) {
        return nodes.stream()
                .map(n -> n.children().isEmpty() ? n.item().label() : n.item().label() + "[" + shape(n.children()) + "]")
                .collect(Collectors.joining(", "));
    }

    /** Labels in list order. */
    static List<String> labels(List<MenuItem> items) {
        return items.stream().map(MenuItem::label).toList();
    }
}
