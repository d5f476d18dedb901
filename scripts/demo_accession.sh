#!/usr/bin/env bash
# A full accession of Brazil on a running `make run` instance, through the API only.
# Usage: scripts/demo_accession.sh [BASE_URL]   (default http://127.0.0.1:8000)
# It creates three accounts (Treaty Office, an official of Brazil, a delegate of France), files
# Brazil's request, consults the Parties, records their consent, the Committee of Ministers'
# decision, the invitation and the deposit, then shows Brazil in the chart.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8000}
LZ=${LZ:-.venv/bin/lanzarote}
# The product works in the Council of Europe's time zone (settings.TIME_ZONE).
TODAY=$(TZ=Europe/Paris date +%F)
api() { curl -sS -f -X "$1" "$BASE/api/v1/$2" -H "Authorization: Bearer $3" -H "Content-Type: application/json" ${4:+-d "$4"}; }

$LZ users create demo-treaty-office --role treaty_office --email treaty.office@example.org >/dev/null 2>&1 || true
$LZ users create demo-brazil --role state_official --state BR --email brazil@example.org >/dev/null 2>&1 || true
$LZ users create demo-france --role party_delegate --state FR --email france@example.org >/dev/null 2>&1 || true
OFFICE=$($LZ token create demo-treaty-office --name demo)
BRAZIL=$($LZ token create demo-brazil --name demo)
FRANCE=$($LZ token create demo-france --name demo)

echo "1. Brazil's official files the request (letter of the Minister of Foreign Affairs to the Secretary General)"
CASE=$(api POST accession-cases "$BRAZIL" "{\"state\":\"BR\",\"treaty\":\"cets-201\",\"letter\":{\"signatory_name\":\"Minister of Foreign Affairs\",\"signatory_capacity\":\"minister_of_foreign_affairs\",\"date\":\"$TODAY\",\"addressee\":\"secretary_general\"}}")
REF=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["reference"])' <<<"$CASE")
echo "   case $REF"

echo "2. The Treaty Office opens the consultation of the Parties"
DEADLINE=$(TZ=Europe/Paris python3 -c 'import datetime; print(datetime.date.today() + datetime.timedelta(days=60))')
api POST "accession-cases/$REF/consultation" "$OFFICE" "{\"deadline\":\"$DEADLINE\"}" >/dev/null

echo "3. France's delegate consents; the Treaty Office records the other Parties' notes verbales"
api POST "accession-cases/$REF/consultation/replies" "$FRANCE" '{"party":"FR","reply":"consent"}' >/dev/null
for PARTY in $(api GET "accession-cases/$REF/consultation/reminders" "$OFFICE" | python3 -c 'import json,sys; print(" ".join(p["party"] for p in json.load(sys.stdin)))'); do
  api POST "accession-cases/$REF/consultation/replies" "$OFFICE" "{\"party\":\"$PARTY\",\"reply\":\"consent\",\"note\":\"Note verbale\"}" >/dev/null
done
api POST "accession-cases/$REF/consultation/close" "$OFFICE" >/dev/null
echo "   consultation: $(api GET "accession-cases/$REF" "$OFFICE" | python3 -c 'import json,sys; c=json.load(sys.stdin)["consultation"]; print({k: c[k] for k in ("consulted", "consents", "objections", "pending")})')"

echo "4. The Committee of Ministers decides (Art. 20.d majority and unanimity of the Contracting States)"
api POST "accession-cases/$REF/decision" "$OFFICE" "{\"meeting_date\":\"$TODAY\",\"meeting_reference\":\"CM demo\",\"votes_for\":46,\"votes_against\":0,\"abstentions\":0,\"contracting_states_against\":[]}" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin)["decision"]; print("   adopted:", d["adopted"])'

echo "5. Invitation, then deposit of the instrument of accession"
api POST "accession-cases/$REF/invitation" "$OFFICE" >/dev/null
api POST "accession-cases/$REF/deposit" "$OFFICE" "{\"date\":\"$TODAY\"}" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print("   status:", d["status"], "— entry into force:", d["deposit"]["entry_into_force"])'

echo "6. The registry now shows Brazil"
curl -sS "$BASE/api/v1/states/BR" | python3 -c 'import json,sys; p=json.load(sys.stdin)["treaties"]["cets-201"]["position"]; print("   status today:", p["status"], "— entry into force:", (p["entry_into_force"] or {}).get("date"))'
echo "   web: $BASE/en/states/BR/   case: $BASE/en/accession/cases/$REF/   notifications: $BASE/en/notifications/"
