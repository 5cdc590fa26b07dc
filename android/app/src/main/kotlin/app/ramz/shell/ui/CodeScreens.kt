package app.ramz.shell.ui

import androidx.compose.foundation.ExperimentalFoundationApi
import androidx.compose.foundation.combinedClickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Add
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Card
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExtendedFloatingActionButton
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.CustomAccessibilityAction
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.customActions
import androidx.compose.ui.unit.dp
import app.ramz.app.AccountView
import app.ramz.app.Choice
import app.ramz.app.CodeRow
import app.ramz.app.CodesView
import app.ramz.app.Destination
import app.ramz.app.Event
import app.ramz.app.Field
import app.ramz.shell.ViewMapping

/** The code list: search, banners, the rows, and "add". */
@Composable
fun CodesScreen(v: CodesView, send: (Event) -> Unit) {
    Box(Modifier.fillMaxSize()) {
        LazyColumn(
            Modifier.fillMaxSize(),
            contentPadding = androidx.compose.foundation.layout.PaddingValues(16.dp),
            verticalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            item {
                TextInput(
                    view = app.ramz.app.FieldView(label = v.searchHint, value = v.search, error = null),
                    field = Field.SEARCH,
                    send = send,
                )
            }
            items(v.banners) { banner -> ErrorText(banner) }
            v.biometricsOffer?.let { offer ->
                item {
                    Card(Modifier.fillMaxWidth()) {
                        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                            Body(offer.text)
                            Action(offer.accept) { send(Event.AcceptBiometrics(true)) }
                            SecondaryAction(offer.decline) { send(Event.AcceptBiometrics(false)) }
                        }
                    }
                }
            }
            v.empty?.let { empty -> item { Body(empty) } }
            items(v.rows, key = { it.id }) { row -> CodeRowCard(row, v, send) }
        }
        ExtendedFloatingActionButton(
            onClick = { if (v.add.enabled) send(Event.Navigate(Destination.SCAN)) },
            icon = { Icon(Icons.Filled.Add, null) },
            text = { Text(v.add.label) },
            modifier = Modifier.align(Alignment.BottomEnd).padding(16.dp),
        )
    }
}

/**
 * One account: tap does what `row.tap` says (copy, or make the next HOTP
 * code), long press opens it (`list.openAccount`). A screen reader reads the
 * row's `a11y` text, and offers "move up/down" as actions with the
 * positions the row gives (none during a search).
 */
@OptIn(ExperimentalFoundationApi::class)
@Composable
private fun CodeRowCard(row: CodeRow, list: CodesView, send: (Event) -> Unit) {
    val moves = buildList {
        row.moveUp?.let { position ->
            if (list.moveUp.enabled) add(CustomAccessibilityAction(list.moveUp.label) { send(Event.MoveAccount(row.id, position)); true })
        }
        row.moveDown?.let { position ->
            if (list.moveDown.enabled) add(CustomAccessibilityAction(list.moveDown.label) { send(Event.MoveAccount(row.id, position)); true })
        }
    }
    Card(
        Modifier
            .fillMaxWidth()
            .combinedClickable(
                onClickLabel = row.tap,
                onClick = { send(Event.TapAccount(row.id)) },
                onLongClickLabel = list.openAccount.label,
                onLongClick = { if (list.openAccount.enabled) send(Event.OpenAccount(row.id)) },
            )
            .clearAndSetSemantics {
                contentDescription = row.a11y
                customActions = moves
            },
    ) {
        Row(
            Modifier.padding(16.dp),
            verticalAlignment = Alignment.CenterVertically,
            horizontalArrangement = Arrangement.spacedBy(16.dp),
        ) {
            Column(Modifier.weight(1f), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                Text(row.issuer, style = MaterialTheme.typography.titleMedium)
                Text(row.account, style = MaterialTheme.typography.bodyMedium)
                row.badge?.let { AssistChip(onClick = {}, label = { Text(it) }) }
                Text(row.code, style = MaterialTheme.typography.headlineMedium)
                row.next?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                row.counter?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            }
            if (row.period != 0u) {
                Box(contentAlignment = Alignment.Center) {
                    CircularProgressIndicator(progress = { ViewMapping.stepLeft(row) }, modifier = Modifier.size(40.dp))
                    Text(row.secondsText, style = MaterialTheme.typography.labelMedium)
                }
            }
        }
    }
}

/** One account's details: rename, delete (confirmed; a bank card's with the PIN). */
@Composable
fun AccountScreen(v: AccountView, send: (Event) -> Unit) = Page {
    TextInput(v.issuer, Field.ISSUER, send)
    TextInput(v.account, Field.ACCOUNT, send)
    Action(v.rename) { send(Event.Choose(Choice.Rename)) }
    for (detail in v.details) {
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.SpaceBetween) {
            Text(detail.label, style = MaterialTheme.typography.labelLarge)
            Text(detail.value)
        }
    }
    v.confirmDelete?.let { ErrorText(it) }
    v.pad?.let { PinPad(it, send) }
    // Asked: the confirmation button (a bank card takes the PIN instead).
    v.confirm?.let { confirm -> Action(confirm) { send(Event.Choose(Choice.ConfirmDelete)) } }
    if (v.confirmDelete == null) SecondaryAction(v.delete) { send(Event.Choose(Choice.Delete)) }
}
