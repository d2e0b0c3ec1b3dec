<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv" sourcelanguage="en">
<context>
    <name>ActionColumns</name>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="42"/>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="43"/>
        <source>Areas</source>
        <translation>Samverkansområden</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="44"/>
        <source>Responsible</source>
        <translation>Ansvarig</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="45"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="46"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="47"/>
        <source>Deadline</source>
        <translation>Klart senast</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="48"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="50"/>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="55"/>
        <source>Overdue</source>
        <translation>Försenad</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="56"/>
        <source>%1 days</source>
        <translation>%1 dagar</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="27"/>
        <source>Edit action</source>
        <translation>Redigera åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="27"/>
        <source>New action</source>
        <translation>Ny åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="31"/>
        <source>Which problem in the lägesbild does the action address?</source>
        <translation>Vilket problem i lägesbilden ska åtgärden lösa?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="32"/>
        <source>What causes the problem?</source>
        <translation>Vad orsakar problemet?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="33"/>
        <source>What will be done?</source>
        <translation>Vad ska göras?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="34"/>
        <source>A measurable goal, e.g. &apos;halve the reports of vandalism at the station by December&apos;</source>
        <translation>Ett mätbart mål, t.ex. ”halvera anmälningarna om skadegörelse vid stationen till december”</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="35"/>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="36"/>
        <source>&amp;Title</source>
        <translation>&amp;Rubrik</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="37"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="38"/>
        <source>Cause</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="39"/>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="40"/>
        <source>Operative goal</source>
        <translation>Operativt mål</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="47"/>
        <location filename="../../ui/dialogs/action_dialog.py" line="48"/>
        <location filename="../../ui/dialogs/action_dialog.py" line="52"/>
        <source>Set</source>
        <translation>Ange</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="65"/>
        <source>Responsibility and follow-up</source>
        <translation>Ansvar och uppföljning</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="66"/>
        <source>Responsible organisation</source>
        <translation>Ansvarig organisation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="67"/>
        <source>Responsible person</source>
        <translation>Ansvarig person</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="68"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="69"/>
        <source>Deadline</source>
        <translation>Klart senast</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="70"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="71"/>
        <source>Completed</source>
        <translation>Slutförd</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="72"/>
        <source>Follow-up colour</source>
        <translation>Uppföljningsfärg</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="73"/>
        <source>Kind</source>
        <translation>Typ av insats</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="74"/>
        <source>Prevention</source>
        <translation>Förebyggande</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="75"/>
        <source>Expected effect</source>
        <translation>Förväntad effekt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="76"/>
        <source>Hours spent</source>
        <translation>Nedlagda timmar</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="77"/>
        <source>Cost spent (SEK)</source>
        <translation>Kostnad (kr)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="82"/>
        <source>Search places</source>
        <translation>Sök plats</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="85"/>
        <source>Search indicators</source>
        <translation>Sök indikator</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="88"/>
        <source>Links</source>
        <translation>Kopplingar</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="89"/>
        <source>Samverkansområden</source>
        <translation>Samverkansområden</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="90"/>
        <source>Places</source>
        <translation>Platser</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/action_dialog.py" line="91"/>
        <source>Indicators</source>
        <translation>Indikatorer</translation>
    </message>
</context>
<context>
    <name>ActionLog</name>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="38"/>
        <location filename="../../ui/widgets/action_log.py" line="99"/>
        <source>Select an action to see its log</source>
        <translation>Välj en åtgärd för att se dess logg</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="46"/>
        <location filename="../../ui/widgets/action_log.py" line="77"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="47"/>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="49"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="52"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="67"/>
        <source>What has been done, what was decided, what is next?</source>
        <translation>Vad har gjorts, vad beslutades, vad händer härnäst?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="69"/>
        <source>Add to log</source>
        <translation>Lägg till i loggen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="79"/>
        <source>New status</source>
        <translation>Ny status</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="105"/>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="106"/>
        <source>Operative goal: %1</source>
        <translation>Operativt mål: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="107"/>
        <source>Places: %1</source>
        <translation>Platser: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="108"/>
        <source>Indicators: %1</source>
        <translation>Indikatorer: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/action_log.py" line="111"/>
        <source>(unchanged)</source>
        <translation>(oförändrad)</translation>
    </message>
</context>
<context>
    <name>ActionPlanTab</name>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="93"/>
        <location filename="../../ui/tabs/action_plan_tab.py" line="166"/>
        <source>Overdue only</source>
        <translation>Endast försenade</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="97"/>
        <source>Search title, problem, description</source>
        <translation>Sök i rubrik, problem, beskrivning</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="107"/>
        <location filename="../../ui/tabs/action_plan_tab.py" line="123"/>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="108"/>
        <location filename="../../ui/tabs/action_plan_tab.py" line="123"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="109"/>
        <location filename="../../ui/tabs/action_plan_tab.py" line="124"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="125"/>
        <source>Action plan</source>
        <translation>Åtgärdsplan</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="130"/>
        <source>New action…</source>
        <translation>Ny åtgärd…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="168"/>
        <source>text: %1</source>
        <translation>text: %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="169"/>
        <source>All actions</source>
        <translation>Alla åtgärder</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="189"/>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="195"/>
        <source>Planned or ongoing</source>
        <translation>Planerad eller pågående</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="209"/>
        <source>%1 actions, %2 overdue</source>
        <translation>%1 åtgärder, %2 försenade</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="263"/>
        <source>Delete action</source>
        <translation>Ta bort åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/action_plan_tab.py" line="264"/>
        <source>Delete the action “%1” and its log? This cannot be undone.</source>
        <translation>Ta bort åtgärden ”%1” och dess logg? Det går inte att ångra.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="47"/>
        <source>Signing in with the database login needs a PostgreSQL database (sign_in = database).</source>
        <translation>Inloggning med databasinloggningen kräver en PostgreSQL-databas (sign_in = database).</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="62"/>
        <source>The setting sign_in must be &apos;program&apos; or &apos;database&apos;, not &apos;%1&apos;.</source>
        <translation>Inställningen sign_in ska vara &apos;program&apos; eller &apos;database&apos;, inte &apos;%1&apos;.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="86"/>
        <source>Trygghetscenter cannot start</source>
        <translation>Trygghetscenter kan inte starta</translation>
    </message>
</context>
<context>
    <name>AreaTab</name>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="79"/>
        <source>Edit description…</source>
        <translation>Redigera beskrivning…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="90"/>
        <source>Events in the period</source>
        <translation>Händelser under perioden</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="91"/>
        <source>Open actions</source>
        <translation>Öppna åtgärder</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="92"/>
        <source>Overdue actions</source>
        <translation>Försenade åtgärder</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="93"/>
        <source>Indicators on track</source>
        <translation>Indikatorer i fas</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="100"/>
        <source>Event type</source>
        <translation>Händelsetyp</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="101"/>
        <location filename="../../ui/tabs/area_tab.py" line="111"/>
        <source>Events</source>
        <translation>Händelser</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="110"/>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="113"/>
        <source>Change</source>
        <translation>Förändring</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="132"/>
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="133"/>
        <source>Latest</source>
        <translation>Senaste</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="134"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="135"/>
        <source>Baseline</source>
        <translation>Utgångsvärde</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="136"/>
        <source>Target</source>
        <translation>Målvärde</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="137"/>
        <source>Better when</source>
        <translation>Bättre när</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="138"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="149"/>
        <source>Actions</source>
        <translation>Åtgärder</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="151"/>
        <source>Events per month, against the year before</source>
        <translation>Händelser per månad, jämfört med året innan</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="147"/>
        <location filename="../../ui/tabs/area_tab.py" line="153"/>
        <source>Event types</source>
        <translation>Händelsetyper</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="148"/>
        <location filename="../../ui/tabs/area_tab.py" line="155"/>
        <source>Most affected places</source>
        <translation>Mest drabbade platser</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="150"/>
        <location filename="../../ui/tabs/area_tab.py" line="157"/>
        <source>Indicators</source>
        <translation>Indikatorer</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="156"/>
        <source>Actions in the action plan</source>
        <translation>Åtgärder i åtgärdsplanen</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="185"/>
        <source>%1 against the period before</source>
        <translation>%1 mot föregående period</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="192"/>
        <source>of %1 in all</source>
        <translation>av totalt %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="198"/>
        <source>%1 indicators in all</source>
        <translation>%1 indikatorer totalt</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="207"/>
        <source>Description of %1</source>
        <translation>Beskrivning av %1</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="76"/>
        <location filename="../../ui/dialogs/audit_window.py" line="127"/>
        <source>Audit trail</source>
        <translation>Granskningslogg</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="79"/>
        <source>Observation</source>
        <translation>Observation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="80"/>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="81"/>
        <source>Action log entry</source>
        <translation>Loggpost för åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="82"/>
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="83"/>
        <source>Measurement</source>
        <translation>Mätvärde</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="84"/>
        <source>Follow-up meeting</source>
        <translation>Uppföljningsmöte</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="85"/>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="86"/>
        <source>Event type</source>
        <translation>Händelsetyp</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="87"/>
        <source>Samverkansområde</source>
        <translation>Samverkansområde</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="88"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="89"/>
        <location filename="../../ui/dialogs/audit_window.py" line="110"/>
        <location filename="../../ui/dialogs/audit_window.py" line="139"/>
        <location filename="../../ui/dialogs/audit_window.py" line="218"/>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="90"/>
        <source>Agreement period</source>
        <translation>Avtalsperiod</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="100"/>
        <location filename="../../ui/dialogs/audit_window.py" line="165"/>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="108"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="111"/>
        <location filename="../../ui/dialogs/audit_window.py" line="140"/>
        <location filename="../../ui/dialogs/audit_window.py" line="218"/>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="112"/>
        <source>Row</source>
        <translation>Rad</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="113"/>
        <location filename="../../ui/dialogs/audit_window.py" line="141"/>
        <location filename="../../ui/dialogs/audit_window.py" line="218"/>
        <source>Change</source>
        <translation>Förändring</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="114"/>
        <source>Fields</source>
        <translation>Fält</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="129"/>
        <source>Export to Excel…</source>
        <translation>Exportera till Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="132"/>
        <source>Field</source>
        <translation>Fält</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="125"/>
        <location filename="../../ui/dialogs/audit_window.py" line="132"/>
        <source>Before</source>
        <translation>Före</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="126"/>
        <location filename="../../ui/dialogs/audit_window.py" line="132"/>
        <source>After</source>
        <translation>Efter</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="137"/>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="138"/>
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="191"/>
        <source>%1 changes</source>
        <translation>%1 ändringar</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_window.py" line="217"/>
        <source>Period %1 – %2</source>
        <translation>Period %1 – %2</translation>
    </message>
</context>
<context>
    <name>BaseTab</name>
    <message>
        <location filename="../../ui/tabs/base.py" line="92"/>
        <source>Edit…</source>
        <translation>Redigera…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/base.py" line="93"/>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/base.py" line="103"/>
        <source>Period %1 – %2</source>
        <translation>Period %1 – %2</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="123"/>
        <source>Change my password</source>
        <translation>Byt mitt lösenord</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="127"/>
        <source>&amp;Current password</source>
        <translation>&amp;Nuvarande lösenord</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../../ui/widgets/chart_view.py" line="37"/>
        <location filename="../../ui/widgets/chart_view.py" line="103"/>
        <source>Save as…</source>
        <translation>Spara som…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_view.py" line="38"/>
        <source>Save the chart as a PNG picture or a PDF document</source>
        <translation>Spara diagrammet som PNG-bild eller PDF-dokument</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_view.py" line="41"/>
        <location filename="../../ui/widgets/chart_view.py" line="104"/>
        <source>Copy</source>
        <translation>Kopiera</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_view.py" line="42"/>
        <source>Copy the chart to the clipboard, to paste into a document or e-mail</source>
        <translation>Kopiera diagrammet till urklipp, för att klistra in i ett dokument eller e-postmeddelande</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_view.py" line="44"/>
        <location filename="../../ui/widgets/chart_view.py" line="91"/>
        <source>Loading chart…</source>
        <translation>Diagrammet ritas…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_view.py" line="108"/>
        <source>chart</source>
        <translation>diagram</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_view.py" line="115"/>
        <source>PNG picture (*.png)</source>
        <translation>PNG-bild (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_view.py" line="115"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-dokument (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_view.py" line="117"/>
        <source>Save chart</source>
        <translation>Spara diagram</translation>
    </message>
</context>
<context>
    <name>Conflict</name>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="44"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="44"/>
        <source>No</source>
        <translation>Nej</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="83"/>
        <source>Changed by someone else</source>
        <translation>Ändrad av någon annan</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="86"/>
        <source>Field</source>
        <translation>Fält</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="86"/>
        <source>Their version</source>
        <translation>Deras version</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="86"/>
        <source>Your version</source>
        <translation>Din version</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="94"/>
        <source>The other version has the same values as your form.</source>
        <translation>Den andra versionen har samma värden som ditt formulär.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="96"/>
        <source>Use their version</source>
        <translation>Använd deras version</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="97"/>
        <source>Save my version over theirs</source>
        <translation>Spara min version över deras</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="104"/>
        <source>Cancel keeps the form open as it is, so you can copy what you need.</source>
        <translation>Avbryt låter formuläret stå kvar som det är, så att du kan kopiera det du behöver.</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <location filename="../../ui/dialogs/base.py" line="125"/>
        <source>Please correct the marked fields.</source>
        <translation>Rätta de markerade fälten.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="162"/>
        <source>The form now shows the version saved by the other person.</source>
        <translation>Formuläret visar nu versionen som den andra personen sparade.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="28"/>
        <source>Another desk is saving</source>
        <translation>En annan arbetsplats sparar</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="28"/>
        <source>Your entries are kept.</source>
        <translation>Det du skrivit finns kvar.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="25"/>
        <source>Database unavailable</source>
        <translation>Databasen går inte att nå</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="25"/>
        <source>Nothing was saved. Your entries are kept; try again when the connection is back.</source>
        <translation>Inget sparades. Det du skrivit finns kvar; försök igen när anslutningen är tillbaka.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="31"/>
        <source>Changed by someone else</source>
        <translation>Ändrad av någon annan</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>Not allowed</source>
        <translation>Inte tillåtet</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>Cannot continue</source>
        <translation>Kan inte fortsätta</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>Unexpected error</source>
        <translation>Oväntat fel</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>Something unexpected went wrong and the action was not carried out. Nothing was saved. Details were written to the log.</source>
        <translation>Något oväntat gick fel och åtgärden genomfördes inte. Inget sparades. Detaljer har skrivits till loggen.</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../ui/labels.py" line="103"/>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="104"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="105"/>
        <source>Agreement period</source>
        <translation>Överenskommelseperiod</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="106"/>
        <source>Area</source>
        <translation>Samverkansområde</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="107"/>
        <source>Written by</source>
        <translation>Skriven av</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="108"/>
        <source>Baseline period</source>
        <translation>Utgångsläge, period</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="109"/>
        <source>Baseline value</source>
        <translation>Utgångsvärde</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="110"/>
        <source>Event type</source>
        <translation>Händelsetyp</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="111"/>
        <source>Cause</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="112"/>
        <source>Visible to</source>
        <translation>Synlig för</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="113"/>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="114"/>
        <source>Completed on</source>
        <translation>Klar den</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="115"/>
        <source>Cost spent</source>
        <translation>Kostnad</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="116"/>
        <source>Number</source>
        <translation>Antal</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="117"/>
        <source>Created</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="118"/>
        <source>Created by</source>
        <translation>Skapad av</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="119"/>
        <source>Data source</source>
        <translation>Datakälla</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="120"/>
        <source>Deadline</source>
        <translation>Klart senast</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="121"/>
        <source>Decisions</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="122"/>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="123"/>
        <source>Direction</source>
        <translation>Riktning</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="124"/>
        <source>Full name</source>
        <translation>Fullständigt namn</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="125"/>
        <source>District</source>
        <translation>Kommundel</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="126"/>
        <source>Ends on</source>
        <translation>Slutar</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="127"/>
        <location filename="../../ui/labels.py" line="148"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="128"/>
        <source>Expected effect</source>
        <translation>Förväntad effekt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="129"/>
        <source>Follow-up colour</source>
        <translation>Uppföljningsfärg</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="130"/>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="131"/>
        <source>Frequency</source>
        <translation>Frekvens</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="132"/>
        <source>Held on</source>
        <translation>Hölls den</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="133"/>
        <source>Hours spent</source>
        <translation>Nedlagda timmar</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="134"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="135"/>
        <source>Import key</source>
        <translation>Importnyckel</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="136"/>
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="137"/>
        <source>Kind</source>
        <translation>Typ av insats</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="138"/>
        <source>Lägesbild at the meeting</source>
        <translation>Lägesbild vid mötet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="139"/>
        <source>Last sign-in</source>
        <translation>Senaste inloggning</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="140"/>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="141"/>
        <source>Littering</source>
        <translation>Nedskräpning</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="142"/>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="143"/>
        <source>Meeting</source>
        <translation>Möte</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="144"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="145"/>
        <source>New status</source>
        <translation>Ny status</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="146"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="147"/>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="149"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="150"/>
        <source>Previous status</source>
        <translation>Tidigare status</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="151"/>
        <source>Operative goal</source>
        <translation>Operativt mål</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="152"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="153"/>
        <source>Parent event type</source>
        <translation>Överordnad händelsetyp</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="154"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="155"/>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="156"/>
        <source>Type of place</source>
        <translation>Typ av plats</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="157"/>
        <source>Poor lighting</source>
        <translation>Dålig belysning</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="158"/>
        <source>Poor sightlines</source>
        <translation>Dålig sikt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="159"/>
        <source>Type of prevention</source>
        <translation>Typ av förebyggande</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="160"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="161"/>
        <source>Reported</source>
        <translation>Rapporterad</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="162"/>
        <source>Reported by</source>
        <translation>Rapporterad av</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="163"/>
        <source>Reported to the police</source>
        <translation>Anmäld till polisen</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="164"/>
        <source>Responsible organisation</source>
        <translation>Ansvarig organisation</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="165"/>
        <source>Responsible person</source>
        <translation>Ansvarig person</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="166"/>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="167"/>
        <source>Secluded</source>
        <translation>Avskild</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="168"/>
        <source>Setting</source>
        <translation>Miljö</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="169"/>
        <source>Short name</source>
        <translation>Kortnamn</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="170"/>
        <source>Signed on</source>
        <translation>Undertecknad</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="171"/>
        <source>Order</source>
        <translation>Ordning</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="172"/>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="173"/>
        <location filename="../../ui/labels.py" line="174"/>
        <source>Starts on</source>
        <translation>Börjar</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="175"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="176"/>
        <source>Target value</source>
        <translation>Målvärde</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="177"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="178"/>
        <source>Title</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="179"/>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="180"/>
        <source>Updated</source>
        <translation>Uppdaterad</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="181"/>
        <source>Username</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="182"/>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="183"/>
        <source>Verified</source>
        <translation>Verifierad</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="184"/>
        <source>Areas</source>
        <translation>Samverkansområden</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="185"/>
        <source>Places</source>
        <translation>Platser</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="186"/>
        <source>Indicators</source>
        <translation>Indikatorer</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="187"/>
        <source>Organisations present</source>
        <translation>Närvarande organisationer</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="188"/>
        <source>Places in focus</source>
        <translation>Platser i fokus</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="189"/>
        <source>Actions followed up</source>
        <translation>Uppföljda åtgärder</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="190"/>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="191"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="28"/>
        <source>Clear filters</source>
        <translation>Rensa filter</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="34"/>
        <source>District</source>
        <translation>Kommundel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="35"/>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="36"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="37"/>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="38"/>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="39"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/filter_bar.py" line="56"/>
        <location filename="../../ui/widgets/filter_bar.py" line="70"/>
        <source>All</source>
        <translation>Alla</translation>
    </message>
</context>
<context>
    <name>FollowUpTab</name>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="111"/>
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="112"/>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="113"/>
        <source>Frequency</source>
        <translation>Frekvens</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="114"/>
        <source>Baseline</source>
        <translation>Utgångsvärde</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="115"/>
        <source>Baseline period</source>
        <translation>Utgångsperiod</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="116"/>
        <source>Target</source>
        <translation>Målvärde</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="117"/>
        <source>Latest</source>
        <translation>Senaste</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="118"/>
        <location filename="../../ui/tabs/followup_tab.py" line="139"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="119"/>
        <source>Better when</source>
        <translation>Bättre när</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="120"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="121"/>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="122"/>
        <source>Responsible</source>
        <translation>Ansvarig</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="133"/>
        <source>New indicator…</source>
        <translation>Ny indikator…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="136"/>
        <source>Indicator over time</source>
        <translation>Indikatorn över tid</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="140"/>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="141"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="149"/>
        <source>Enter measurement…</source>
        <translation>Registrera mätvärde…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="151"/>
        <source>Change…</source>
        <translation>Ändra…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="153"/>
        <source>Delete value</source>
        <translation>Ta bort värdet</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="196"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="197"/>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="198"/>
        <location filename="../../ui/tabs/followup_tab.py" line="396"/>
        <source>Present</source>
        <translation>Närvarande</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="199"/>
        <location filename="../../ui/tabs/followup_tab.py" line="405"/>
        <source>Focus places</source>
        <translation>Fokusplatser</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="200"/>
        <location filename="../../ui/tabs/followup_tab.py" line="402"/>
        <source>Decisions</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="201"/>
        <location filename="../../ui/tabs/followup_tab.py" line="405"/>
        <source>Linked actions</source>
        <translation>Kopplade åtgärder</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="344"/>
        <source>Delete indicator</source>
        <translation>Ta bort indikator</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="345"/>
        <source>Delete the indicator “%1”?</source>
        <translation>Ta bort indikatorn ”%1”?</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="370"/>
        <source>Delete measurement</source>
        <translation>Ta bort mätvärde</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="371"/>
        <source>Delete the value of %1?</source>
        <translation>Ta bort värdet för %1?</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="396"/>
        <source>Recorded by</source>
        <translation>Antecknat av</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="402"/>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="416"/>
        <source>No lägesbild was stored with this meeting.</source>
        <translation>Ingen lägesbild sparades med det här mötet.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="419"/>
        <source>The lägesbild at the meeting (%1 – %2): %3 events, %4 the four weeks before</source>
        <translation>Lägesbilden vid mötet (%1 – %2): %3 händelser, %4 de fyra veckorna innan</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="428"/>
        <source>No.</source>
        <translation>Nr</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="428"/>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="428"/>
        <source>Events</source>
        <translation>Händelser</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="428"/>
        <source>Before</source>
        <translation>Före</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="428"/>
        <source>Dominant event types</source>
        <translation>Dominerande händelsetyper</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="450"/>
        <source>Delete the meeting of %1 with its minutes?</source>
        <translation>Ta bort mötet %1 med dess anteckningar?</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="451"/>
        <source>Delete meeting</source>
        <translation>Ta bort möte</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="159"/>
        <source>Indicators against baseline and target</source>
        <translation>Indikatorer mot utgångsvärde och mål</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="73"/>
        <source>Overview</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="74"/>
        <location filename="../../ui/tabs/followup_tab.py" line="79"/>
        <source>Indicators</source>
        <translation>Indikatorer</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="75"/>
        <source>Events over time</source>
        <translation>Händelser över tid</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="76"/>
        <source>Meetings</source>
        <translation>Möten</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="91"/>
        <source>Are we reaching the targets?</source>
        <translation>Når vi målen?</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="92"/>
        <source>Are the actions done on time?</source>
        <translation>Blir åtgärderna klara i tid?</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="93"/>
        <source>Where is it getting worse?</source>
        <translation>Var blir det sämre?</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="94"/>
        <source>Actions per samverkansområde and status</source>
        <translation>Åtgärder per samverkansområde och status</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="95"/>
        <source>Events per month and category</source>
        <translation>Händelser per månad och händelsetyp</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="96"/>
        <source>When do the events happen?</source>
        <translation>När sker händelserna?</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="167"/>
        <source>Measurements</source>
        <translation>Mätvärden</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="210"/>
        <source>New meeting…</source>
        <translation>Nytt möte…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="214"/>
        <source>Choose a meeting to read its minutes and the lägesbild it looked at.</source>
        <translation>Välj ett möte för att läsa anteckningarna och lägesbilden som mötet utgick från.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="81"/>
        <location filename="../../ui/tabs/followup_tab.py" line="219"/>
        <source>Follow-up meetings</source>
        <translation>Uppföljningsmöten</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="244"/>
        <source>Actions and indicators as of today; places and events for %1 – %2 (as chosen in the toolbar).</source>
        <translation>Åtgärder och indikatorer som de ser ut i dag; platser och händelser för %1 – %2 (vald period i verktygsfältet).</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="265"/>
        <source>No indicators yet. Add one with “New indicator…”.</source>
        <translation>Inga indikatorer ännu. Lägg till en med ”Ny indikator…”.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="277"/>
        <source>The chart could not be drawn.</source>
        <translation>Diagrammet kunde inte ritas.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/followup_tab.py" line="296"/>
        <source>Measurements: %1</source>
        <translation>Mätvärden: %1</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../ui/format.py" line="35"/>
        <source>new</source>
        <translation>ny</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="57"/>
        <source>Import observations</source>
        <translation>Importera observationer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="57"/>
        <source>Import measurements</source>
        <translation>Importera mätvärden</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="61"/>
        <source>Choose an Excel file (.xlsx) laid out like the import template. Every row is checked first; nothing is saved until the file is free of problems and you press Import.</source>
        <translation>Välj en Excelfil (.xlsx) som är uppställd som importmallen. Varje rad kontrolleras först; inget sparas förrän filen är fri från problem och du trycker på Importera.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="68"/>
        <source>No file chosen</source>
        <translation>Ingen fil vald</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="69"/>
        <source>Choose file…</source>
        <translation>Välj fil…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="71"/>
        <source>Download import template…</source>
        <translation>Ladda ner importmall…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="82"/>
        <source>Row</source>
        <translation>Rad</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="82"/>
        <source>Column</source>
        <translation>Kolumn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="82"/>
        <source>What to correct</source>
        <translation>Att rätta</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="89"/>
        <source>Import</source>
        <translation>Importera</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="107"/>
        <source>Choose the file to import</source>
        <translation>Välj filen som ska importeras</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="107"/>
        <location filename="../../ui/dialogs/import_dialog.py" line="178"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-arbetsbok (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="118"/>
        <source>Checking the file…</source>
        <translation>Filen kontrolleras…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="126"/>
        <source>%1 rows read; %2 problems to correct in the file before anything can be imported.</source>
        <translation>%1 rader lästes; %2 problem behöver rättas i filen innan något kan importeras.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="130"/>
        <source>%1 rows read, no problems: %2 new, %3 already imported earlier (they are skipped).</source>
        <translation>%1 rader lästes, inga problem: %2 nya, %3 importerade tidigare (de hoppas över).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="157"/>
        <source>Importing…</source>
        <translation>Importerar…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="168"/>
        <source>%1 rows were imported; %2 imported earlier were skipped.</source>
        <translation>%1 rader importerades; %2 som importerats tidigare hoppades över.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="174"/>
        <source>import template observations</source>
        <translation>importmall observationer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="175"/>
        <source>import template measurements</source>
        <translation>importmall mätvärden</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="177"/>
        <source>Save the import template</source>
        <translation>Spara importmallen</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="184"/>
        <source>The template was saved as %1. Fill it in and choose it above.</source>
        <translation>Mallen sparades som %1. Fyll i den och välj den ovan.</translation>
    </message>
</context>
<context>
    <name>IndicatorDialog</name>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="30"/>
        <source>Edit indicator</source>
        <translation>Redigera indikator</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="30"/>
        <source>New indicator</source>
        <translation>Ny indikator</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="33"/>
        <source>e.g. Reported violent crime at Märsta station per month</source>
        <translation>t.ex. Anmälda våldsbrott vid Märsta station per månad</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="34"/>
        <source>What the indicator shows and why it matters</source>
        <translation>Vad indikatorn visar och varför den är viktig</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="36"/>
        <source>e.g. events, %, index</source>
        <translation>t.ex. händelser, %, index</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="38"/>
        <source>e.g. police statistics, trygghetsmätning</source>
        <translation>t.ex. polisens statistik, trygghetsmätning</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="40"/>
        <source>(no samverkansområde)</source>
        <translation>(inget samverkansområde)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="48"/>
        <source>e.g. 2025</source>
        <translation>t.ex. 2025</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="52"/>
        <source>(none)</source>
        <translation>(ingen)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="55"/>
        <source>Followed up (shown in the lists and charts)</source>
        <translation>Följs upp (visas i listor och diagram)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="59"/>
        <source>&amp;Name</source>
        <translation>&amp;Namn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="60"/>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="61"/>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="62"/>
        <source>Data source</source>
        <translation>Datakälla</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="63"/>
        <source>Samverkansområde</source>
        <translation>Samverkansområde</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="64"/>
        <source>Frequency</source>
        <translation>Frekvens</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="65"/>
        <source>Better when</source>
        <translation>Bättre när</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="66"/>
        <source>Baseline</source>
        <translation>Utgångsvärde</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="67"/>
        <source>Baseline period</source>
        <translation>Utgångsperiod</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="68"/>
        <source>Target</source>
        <translation>Målvärde</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="69"/>
        <source>Responsible organisation</source>
        <translation>Ansvarig organisation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="70"/>
        <source>Responsible person</source>
        <translation>Ansvarig person</translation>
    </message>
</context>
<context>
    <name>IndicatorStatus</name>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="35"/>
        <source>On track</source>
        <translation>I fas</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="37"/>
        <source>Off track</source>
        <translation>Ur fas</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/area_tab.py" line="38"/>
        <source>No data</source>
        <translation>Inga data</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>Administrator</source>
        <translation>Administratör</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>Editor</source>
        <translation>Redaktör</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>Reader</source>
        <translation>Läsare</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>Own observation</source>
        <translation>Egen observation</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>Police statistics</source>
        <translation>Polisstatistik</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>Rescue service</source>
        <translation>Räddningstjänsten</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>Safety survey</source>
        <translation>Trygghetsmätning</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>Safety walk</source>
        <translation>Trygghetsvandring</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>Citizen dialogue</source>
        <translation>Medborgardialog</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <source>Indoors</source>
        <translation>Inomhus</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>Outdoors</source>
        <translation>Utomhus</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <location filename="../../ui/labels.py" line="46"/>
        <source>Unknown</source>
        <translation>Okänt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>No</source>
        <translation>Nej</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>Open to the office</source>
        <translation>Öppen för kontoret</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>Internal to my organisation</source>
        <translation>Intern för min organisation</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>Planned</source>
        <translation>Planerad</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>Ongoing</source>
        <translation>Pågående</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51"/>
        <source>Done</source>
        <translation>Genomförd</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="52"/>
        <source>Cancelled</source>
        <translation>Avbruten</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53"/>
        <source>Green</source>
        <translation>Grön</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="54"/>
        <source>Yellow</source>
        <translation>Gul</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55"/>
        <source>Red</source>
        <translation>Röd</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56"/>
        <source>One-off effort</source>
        <translation>Punktinsats</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>Ongoing work</source>
        <translation>Löpande arbete</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>Situational</source>
        <translation>Situationell</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59"/>
        <source>Social</source>
        <translation>Social</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>Short term</source>
        <translation>Kort sikt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61"/>
        <source>Long term</source>
        <translation>Lång sikt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62"/>
        <source>Lower is better</source>
        <translation>Lägre är bättre</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63"/>
        <source>Higher is better</source>
        <translation>Högre är bättre</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64"/>
        <source>Monthly</source>
        <translation>Månadsvis</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="65"/>
        <source>Per tertial</source>
        <translation>Per tertial</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66"/>
        <source>Yearly</source>
        <translation>Årligen</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67"/>
        <source>Added</source>
        <translation>Tillagd</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68"/>
        <source>Changed</source>
        <translation>Ändrad</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="69"/>
        <source>Deleted</source>
        <translation>Borttagen</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="70"/>
        <source>Weekly operational meeting</source>
        <translation>Veckovis operativt möte</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>Tertial analysis</source>
        <translation>Tertialanalys</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>Steering group</source>
        <translation>Styrgrupp</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73"/>
        <location filename="../../ui/labels.py" line="84"/>
        <source>Other</source>
        <translation>Övrigt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>Centre</source>
        <translation>Centrum</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>School</source>
        <translation>Skola</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="77"/>
        <source>Park</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <source>Tunnel</source>
        <translation>Tunnel</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>Square</source>
        <translation>Torg</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>Street</source>
        <translation>Gata</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81"/>
        <source>Residential area</source>
        <translation>Bostadsområde</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82"/>
        <source>Sports ground</source>
        <translation>Idrottsplats</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83"/>
        <source>Industrial area</source>
        <translation>Industriområde</translation>
    </message>
</context>
<context>
    <name>LagesbildTab</name>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="45"/>
        <source>Events in the period</source>
        <translation>Händelser under perioden</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="46"/>
        <source>Places with events</source>
        <translation>Platser med händelser</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="47"/>
        <source>Most common event type</source>
        <translation>Vanligaste händelsetyp</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="48"/>
        <source>Largest increase</source>
        <translation>Största ökning</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="55"/>
        <source>#</source>
        <translation>Nr</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="56"/>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="101"/>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="257"/>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="57"/>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="102"/>
        <source>District</source>
        <translation>Kommundel</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="58"/>
        <source>Events</source>
        <translation>Händelser</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="59"/>
        <source>Previous</source>
        <translation>Föreg.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="61"/>
        <source>Change</source>
        <translation>Förändring</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="66"/>
        <source>Dominant event types</source>
        <translation>Dominerande händelsetyper</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="75"/>
        <source>Hot spots: places ranked by events</source>
        <translation>Brännpunkter: platser rangordnade efter händelser</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="85"/>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="156"/>
        <source>Place × event type</source>
        <translation>Plats × händelsetyp</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="86"/>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="157"/>
        <source>Weekday × time of day</source>
        <translation>Veckodag × tid på dygnet</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="87"/>
        <source>The ten places with most events</source>
        <translation>De tio platserna med flest händelser</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="88"/>
        <source>Hot-spot chart</source>
        <translation>Brännpunkter i diagram</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="99"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="100"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="103"/>
        <source>Event type</source>
        <translation>Händelsetyp</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="104"/>
        <source>Number</source>
        <translation>Antal</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="105"/>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="106"/>
        <source>Reported by</source>
        <translation>Rapporterad av</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="107"/>
        <source>Visible to</source>
        <translation>Synlig för</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="108"/>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="121"/>
        <source>Search in descriptions</source>
        <translation>Sök i beskrivningar</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="127"/>
        <source>New observation…</source>
        <translation>Ny observation…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="155"/>
        <source>Hot spots</source>
        <translation>Brännpunkter</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="158"/>
        <source>Observations</source>
        <translation>Observationer</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="163"/>
        <source>text: %1</source>
        <translation>text: %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="199"/>
        <source>%1 against %2 the period before</source>
        <translation>%1 mot %2 föregående period</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="208"/>
        <source>%1 events, %2 % of all</source>
        <translation>%1 händelser, %2 % av alla</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="215"/>
        <source>%1 more events than the period before (%2)</source>
        <translation>%1 fler händelser än föregående period (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="221"/>
        <source>No place has risen</source>
        <translation>Ingen plats har ökat</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="227"/>
        <source>Observations (%1)</source>
        <translation>Observationer (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="264"/>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="290"/>
        <source>Total</source>
        <translation>Totalt</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="280"/>
        <source>Monday</source>
        <translation>Måndag</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="280"/>
        <source>Tuesday</source>
        <translation>Tisdag</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="280"/>
        <source>Wednesday</source>
        <translation>Onsdag</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="280"/>
        <source>Thursday</source>
        <translation>Torsdag</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="281"/>
        <source>Friday</source>
        <translation>Fredag</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="281"/>
        <source>Saturday</source>
        <translation>Lördag</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="281"/>
        <source>Sunday</source>
        <translation>Söndag</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="285"/>
        <source>Weekday</source>
        <translation>Veckodag</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="289"/>
        <source>Time unknown</source>
        <translation>Okänd tid</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="333"/>
        <source>Only your own organisation&apos;s editors may change this entry.</source>
        <translation>Endast redaktörer i den egna organisationen får ändra uppgiften.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="364"/>
        <source>Delete observation</source>
        <translation>Ta bort observation</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/lagesbild_tab.py" line="365"/>
        <source>Delete the observation of %1 at %2? This cannot be undone.</source>
        <translation>Ta bort observationen från %1 vid %2? Det går inte att ångra.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../ui/lock_page.py" line="49"/>
        <source>Sign in</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <location filename="../../ui/lock_page.py" line="52"/>
        <source>Sign in as another user</source>
        <translation>Logga in som en annan användare</translation>
    </message>
    <message>
        <location filename="../../ui/lock_page.py" line="57"/>
        <source>&amp;Username</source>
        <translation>&amp;Användarnamn</translation>
    </message>
    <message>
        <location filename="../../ui/lock_page.py" line="58"/>
        <source>&amp;Password</source>
        <translation>&amp;Lösenord</translation>
    </message>
    <message>
        <location filename="../../ui/lock_page.py" line="85"/>
        <source>Locked by %1</source>
        <translation>Låst av %1</translation>
    </message>
    <message>
        <location filename="../../ui/lock_page.py" line="87"/>
        <source>Enter the password to continue, or sign in as another user (this signs %1 out).</source>
        <translation>Ange lösenordet för att fortsätta, eller logga in som en annan användare (då loggas %1 ut).</translation>
    </message>
    <message>
        <location filename="../../ui/lock_page.py" line="96"/>
        <source>Nobody is signed in</source>
        <translation>Ingen är inloggad</translation>
    </message>
    <message>
        <location filename="../../ui/lock_page.py" line="97"/>
        <source>Sign in with your own account.</source>
        <translation>Logga in med ditt eget konto.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="72"/>
        <source>Sign in – Trygghetscenter</source>
        <translation>Logga in – Trygghetscenter</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="75"/>
        <source>Trygghetscenter Märsta</source>
        <translation>Trygghetscenter Märsta</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="77"/>
        <source>Sign in with your own account. This workstation is shared: lock it or switch user when you leave.</source>
        <translation>Logga in med ditt eget konto. Arbetsplatsen är delad: lås den eller byt användare när du går ifrån.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="87"/>
        <source>&amp;Username</source>
        <translation>&amp;Användarnamn</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="88"/>
        <source>&amp;Password</source>
        <translation>&amp;Lösenord</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="91"/>
        <source>Sign in</source>
        <translation>Logga in</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="55"/>
        <source>Trygghetscenter</source>
        <translation>Trygghetscenter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="64"/>
        <source>The connection to the database is lost. Trying again every few seconds; nothing you have typed is lost, and open forms can be saved when it is back.</source>
        <translation>Förbindelsen med databasen är bruten. Programmet försöker igen med några sekunders mellanrum; inget du har skrivit går förlorat, och öppna formulär kan sparas när förbindelsen är tillbaka.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>The connection to the database is back.</source>
        <translation>Förbindelsen med databasen är tillbaka.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119"/>
        <source>S&amp;witch user…</source>
        <translation>&amp;Byt användare…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="123"/>
        <source>New &amp;observation…</source>
        <translation>Ny &amp;observation…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="125"/>
        <source>New &amp;action…</source>
        <translation>Ny å&amp;tgärd…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126"/>
        <source>&amp;About Trygghetscenter</source>
        <translation>&amp;Om Trygghetscenter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>Import &amp;observations from Excel…</source>
        <translation>Importera &amp;observationer från Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131"/>
        <source>Import &amp;measurements from Excel…</source>
        <translation>Importera &amp;mätvärden från Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133"/>
        <source>Audit &amp;trail…</source>
        <translation>&amp;Granskningslogg…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="134"/>
        <source>&amp;Users…</source>
        <translation>A&amp;nvändare…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135"/>
        <source>Change my &amp;password…</source>
        <translation>Byt mitt lö&amp;senord…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>Export the management &amp;report…</source>
        <translation>Exportera &amp;rapport till ledningen…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="158"/>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>&amp;Register</source>
        <translation>&amp;Registrera</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178"/>
        <source>Main toolbar</source>
        <translation>Huvudverktygsfält</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>Signed in as %1 (%2)</source>
        <translation>Inloggad som %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="248"/>
        <source>Nobody signed in</source>
        <translation>Ingen inloggad</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>Lägesbild</source>
        <translation>Lägesbild</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <source>Action plan</source>
        <translation>Åtgärdsplan</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="320"/>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="408"/>
        <source>Your password has been changed.</source>
        <translation>Ditt lösenord är bytt.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="428"/>
        <source>About Trygghetscenter</source>
        <translation>Om Trygghetscenter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="430"/>
        <source>Trygghetscenter %1

Shared lägesbild, action plan and follow-up for the collaboration between Sigtuna kommun, Polisen (lokalpolisområde Sollentuna) and Attunda räddningstjänst.</source>
        <translation>Trygghetscenter %1

Gemensam lägesbild, åtgärdsplan och uppföljning för samverkan mellan Sigtuna kommun, Polisen (lokalpolisområde Sollentuna) och Attunda räddningstjänst.</translation>
    </message>
</context>
<context>
    <name>MeasurementDialog</name>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="135"/>
        <source>Measurement: %1</source>
        <translation>Mätvärde: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="138"/>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="144"/>
        <source>Any day of the period; it is stored as the period&apos;s first day.</source>
        <translation>Valfri dag i perioden; värdet sparas på periodens första dag.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="143"/>
        <source>Where the figure comes from, anything unusual about it</source>
        <translation>Var siffran kommer ifrån, om något är ovanligt med den</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="147"/>
        <source>&amp;Period</source>
        <translation>&amp;Period</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="149"/>
        <source>&amp;Value</source>
        <translation>&amp;Värde</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="150"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="177"/>
        <source>Edit meeting</source>
        <translation>Redigera möte</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="177"/>
        <source>New follow-up meeting</source>
        <translation>Nytt uppföljningsmöte</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="186"/>
        <source>What was discussed</source>
        <translation>Vad som diskuterades</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="187"/>
        <source>What was decided, by whom, by when</source>
        <translation>Vad som beslutades, av vem, till när</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="188"/>
        <source>Meeting</source>
        <translation>Möte</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="189"/>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="190"/>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="191"/>
        <source>Present</source>
        <translation>Närvarande</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="192"/>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="193"/>
        <source>Decisions</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="195"/>
        <source>Search places</source>
        <translation>Sök plats</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="198"/>
        <source>Search actions</source>
        <translation>Sök åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="202"/>
        <source>Focus and actions</source>
        <translation>Fokus och åtgärder</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="203"/>
        <source>Focus places for the coming period</source>
        <translation>Fokusplatser för kommande period</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="204"/>
        <source>Linked actions</source>
        <translation>Kopplade åtgärder</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/followup_dialogs.py" line="206"/>
        <source>The hot-spot ranking of the four weeks up to the meeting date is stored with the meeting.</source>
        <translation>Brännpunktslistan för de fyra veckorna fram till mötesdagen sparas med mötet.</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="69"/>
        <source>New user</source>
        <translation>Ny användare</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="72"/>
        <source>e.g. anna.andersson</source>
        <translation>t.ex. anna.andersson</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="81"/>
        <source>&amp;Username</source>
        <translation>&amp;Användarnamn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="82"/>
        <source>Full &amp;name</source>
        <translation>Fullständigt &amp;namn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="83"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="84"/>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
</context>
<context>
    <name>ObservationDialog</name>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="37"/>
        <source>Edit observation</source>
        <translation>Redigera observation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="37"/>
        <source>New observation</source>
        <translation>Ny observation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="43"/>
        <source>Time known</source>
        <translation>Känd tid</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="54"/>
        <source>Type to search for a place</source>
        <translation>Skriv för att söka plats</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="56"/>
        <source>Type to search for a category</source>
        <translation>Skriv för att söka kategori</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="65"/>
        <source>Verified</source>
        <translation>Verifierad</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="69"/>
        <source>What happened? Describe places, times and events – not persons.</source>
        <translation>Vad hände? Beskriv platser, tider och händelser – inte personer.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="72"/>
        <source>Do not write names, personal identity numbers, phone numbers or registration plates.</source>
        <translation>Skriv inte namn, personnummer, telefonnummer eller registreringsnummer.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="87"/>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="88"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="89"/>
        <source>&amp;Place</source>
        <translation>&amp;Plats</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="90"/>
        <source>&amp;Category</source>
        <translation>&amp;Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="91"/>
        <source>&amp;Number of events</source>
        <translation>A&amp;ntal händelser</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="92"/>
        <source>&amp;Source</source>
        <translation>&amp;Källa</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="93"/>
        <source>Indoors/outdoors</source>
        <translation>Inomhus/utomhus</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="94"/>
        <source>Reported to police</source>
        <translation>Anmäld till polisen</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="96"/>
        <source>Visible to</source>
        <translation>Synlig för</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/observation_dialog.py" line="97"/>
        <source>D&amp;escription</source>
        <translation>B&amp;eskrivning</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="102"/>
        <source>New password for %1</source>
        <translation>Nytt lösenord för %1</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="49"/>
        <source>New password</source>
        <translation>Nytt lösenord</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="50"/>
        <source>Repeat the new password</source>
        <translation>Upprepa det nya lösenordet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="52"/>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="53"/>
        <source>Repeat the password</source>
        <translation>Upprepa lösenordet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="59"/>
        <source>The two passwords differ.</source>
        <translation>De två lösenorden är olika.</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <location filename="../../ui/widgets/period_bar.py" line="22"/>
        <source>Last 7 days</source>
        <translation>Senaste 7 dagarna</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_bar.py" line="23"/>
        <source>Previous week</source>
        <translation>Förra veckan</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_bar.py" line="24"/>
        <source>Last 4 weeks</source>
        <translation>Senaste 4 veckorna</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_bar.py" line="25"/>
        <source>Current tertial</source>
        <translation>Innevarande tertial</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_bar.py" line="26"/>
        <source>Previous tertial</source>
        <translation>Föregående tertial</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_bar.py" line="27"/>
        <source>Last 12 months</source>
        <translation>Senaste 12 månaderna</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_bar.py" line="28"/>
        <source>This year</source>
        <translation>I år</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_bar.py" line="29"/>
        <source>Custom…</source>
        <translation>Anpassad…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_bar.py" line="38"/>
        <source>Period:</source>
        <translation>Period:</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="34"/>
        <source>Export the management report</source>
        <translation>Exportera rapport till ledningen</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="37"/>
        <source>An Excel workbook for management: summary, lägesbild, each samverkansområde, the action plan, indicators and the period&apos;s observations, with charts and print set-up. It holds only what you may see, and says who exported it and when.</source>
        <translation>En Excelarbetsbok för ledningen: sammanfattning, lägesbild, varje samverkansområde, åtgärdsplanen, indikatorer och periodens observationer, med diagram och utskriftsinställningar. Den innehåller bara det du får se och anger vem som exporterade den och när.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="45"/>
        <source>Trygghetscenter report %1.xlsx</source>
        <translation>Trygghetscenter rapport %1.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="47"/>
        <source>Choose…</source>
        <translation>Välj…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="55"/>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="56"/>
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="57"/>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="62"/>
        <source>Export</source>
        <translation>Exportera</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="73"/>
        <source>Save the report as</source>
        <translation>Spara rapporten som</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="74"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-arbetsbok (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="83"/>
        <source>The end date is before the start date.</source>
        <translation>Slutdatum ligger före startdatum.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="90"/>
        <source>The report is being written…</source>
        <translation>Rapporten skrivs…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="97"/>
        <source>The report was saved as %1.</source>
        <translation>Rapporten sparades som %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="99"/>
        <source>%1 cells were longer than Excel allows and were cut.</source>
        <translation>%1 celler var längre än Excel tillåter och kortades.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="102"/>
        <source>Report exported</source>
        <translation>Rapporten är exporterad</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_dialog.py" line="103"/>
        <source>Open the report</source>
        <translation>Öppna rapporten</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="38"/>
        <source>Enter your username and password.</source>
        <translation>Ange användarnamn och lösenord.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="41"/>
        <source>Signing in…</source>
        <translation>Loggar in…</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <location filename="../../ui/table_export.py" line="44"/>
        <source>descending</source>
        <translation>fallande</translation>
    </message>
    <message>
        <location filename="../../ui/table_export.py" line="44"/>
        <source>ascending</source>
        <translation>stigande</translation>
    </message>
    <message>
        <location filename="../../ui/table_export.py" line="46"/>
        <source>sorted by %1, %2</source>
        <translation>sorterat på %1, %2</translation>
    </message>
    <message>
        <location filename="../../ui/table_export.py" line="63"/>
        <source>Export to Excel…</source>
        <translation>Exportera till Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/table_export.py" line="79"/>
        <location filename="../../ui/table_export.py" line="130"/>
        <source>Export to Excel</source>
        <translation>Exportera till Excel</translation>
    </message>
    <message>
        <location filename="../../ui/table_export.py" line="80"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-arbetsbok (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/table_export.py" line="125"/>
        <source>%1 rows exported to %2</source>
        <translation>%1 rader exporterades till %2</translation>
    </message>
    <message>
        <location filename="../../ui/table_export.py" line="127"/>
        <source>%1 cells were longer than Excel allows (32,767 characters) and were cut.</source>
        <translation>%1 celler var längre än Excel tillåter (32 767 tecken) och kortades.</translation>
    </message>
</context>
<context>
    <name>UsersWindow</name>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="145"/>
        <source>Users</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="150"/>
        <source>Username</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="151"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="152"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="153"/>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="154"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="171"/>
        <source>Lift lock</source>
        <translation>Häv spärr</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="174"/>
        <source>Disabled users cannot sign in; what they entered keeps their name. After ten failed sign-ins a username is locked for 15 minutes; Lift lock lets the person try again at once, as does a new password. You keep your own organisation&apos;s accounts; another organisation&apos;s are kept by its administrators, and accounts move between organisations only on the command line.</source>
        <translation>Inaktiverade användare kan inte logga in; det de har registrerat behåller deras namn. Efter tio misslyckade inloggningar spärras ett användarnamn i 15 minuter; Häv spärr låter personen försöka igen direkt, liksom ett nytt lösenord. Du sköter din egen organisations konton; andra organisationers konton sköts av deras administratörer, och konton flyttas mellan organisationer bara på kommandoraden.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="228"/>
        <source>Locked until %1</source>
        <translation>Spärrad till %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="229"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="225"/>
        <source>Disabled</source>
        <translation>Inaktiverad</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="155"/>
        <source>Last sign-in</source>
        <translation>Senaste inloggning</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="162"/>
        <source>New user…</source>
        <translation>Ny användare…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="164"/>
        <source>Change role…</source>
        <translation>Ändra roll…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="166"/>
        <source>Set password…</source>
        <translation>Nytt lösenord…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="168"/>
        <location filename="../../ui/dialogs/users_window.py" line="220"/>
        <source>Disable</source>
        <translation>Inaktivera</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="220"/>
        <source>Enable</source>
        <translation>Aktivera</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="248"/>
        <source>Change role</source>
        <translation>Ändra roll</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_window.py" line="249"/>
        <source>Role of %1:</source>
        <translation>Roll för %1:</translation>
    </message>
</context>
</TS>
