/// The Mustache templates of the sheets. HTML: one self-contained page (inline CSS and SVG, no
/// scripts, no external requests) with print rules for A4. `{{...}}` is HTML-escaped by the engine;
/// `{{{...}}}` is only used for the SVG charts, which ``SVGCharts`` escapes itself.
enum Templates {
    static let html = #"""
<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{{title}}: {{subtitle}}</title>
<style>
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
.evidence { border-left: 3px solid #1f77b4; background: #f3f7fb; padding: 1mm 3mm; margin: 2mm 0; break-inside: avoid; }
.evidence h3 { margin: 1mm 0; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 0 auto; max-width: 186mm; padding: 6mm 0; line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 3mm 0 1mm; break-after: avoid; }
p { margin: 1mm 0 2mm; }
.subtitle { font-size: 12pt; color: #333; margin: 0 0 2mm; }
.synthetic { border: 2px solid #b00; color: #b00; padding: 2mm; font-weight: bold; margin: 2mm 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 1mm 0 3mm; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 0.8mm 1.2mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
th { background: #eee; overflow-wrap: break-word; word-break: normal; hyphens: auto; }
td.n { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 2mm 0; break-inside: avoid; }
details { margin: 0 0 3mm; } summary { font-size: 9pt; color: #444; }
.priority { border-left: 3px solid #2ca02c; padding: 0 0 0 3mm; margin: 2mm 0 3mm; break-inside: avoid; }
.priority ul { margin: 1mm 0; padding-left: 5mm; }
.kind { color: #555; font-size: 9.5pt; }
code, .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; overflow-wrap: anywhere; word-break: break-all; }
nav ol { columns: 2; font-size: 9.5pt; margin: 1mm 0 3mm; }
@media print { nav { display: none; } details > summary { display: none; } details { display: block; } }
</style>
</head>
<body>
<header>
<h1>{{title}}</h1>
<p class="subtitle">{{subtitle}}</p>
<p>{{dataset}}</p>
{{#synthetic}}<p class="synthetic">{{t.sheet_synthetic}}</p>{{/synthetic}}
<nav><strong>{{t.sheet_contents}}</strong><ol>
<li><a href="#profile">{{t.section_profile}}</a></li><li><a href="#references">{{t.section_references}}</a></li>
<li><a href="#gaps">{{t.section_gaps}}</a></li><li><a href="#strengths">{{t.section_strengths}}</a></li>
<li><a href="#candidates">{{t.section_candidates}}</a></li><li><a href="#futures">{{t.section_futures}}</a></li>
<li><a href="#recommendations">{{t.section_recommendations}}</a></li><li><a href="#partners">{{t.section_partners}}</a></li>
<li><a href="#method">{{t.section_method}}</a></li></ol></nav>
</header>
<main>
<section id="profile"><h2>{{t.section_profile}}</h2>
<p>{{profileIntro}}</p>
<table><colgroup><col style="width:34%"><col style="width:18%"><col style="width:15%"><col style="width:12%"><col style="width:12%"><col style="width:9%"></colgroup>
<thead><tr><th>{{t.profile_indicator}}</th><th>{{t.profile_dimension}}</th><th>{{t.profile_role}}</th><th>{{t.profile_value}}</th><th>{{t.profile_percentile}}</th><th>{{t.profile_rank}}</th></tr></thead>
<tbody>{{#profile}}<tr><td>{{indicator}}</td><td>{{dimension}}</td><td>{{role}}</td><td class="n">{{value}}</td><td class="n">{{percentile}}</td><td class="n">{{rank}}</td></tr>
{{/profile}}</tbody></table>
</section>
<section id="references"><h2>{{t.section_references}}</h2>
<p>{{referencesIntro}}</p>
<table><colgroup><col style="width:5%"><col style="width:25%"><col style="width:9%"><col style="width:10%"><col style="width:11%"><col style="width:20%"><col style="width:20%"></colgroup>
<thead><tr><th>{{t.references_rank}}</th><th>{{t.references_region}}</th><th>{{t.references_country}}</th><th>{{t.references_distance}}</th><th>{{t.references_similarity}}</th><th>{{t.references_closest}}</th><th>{{t.references_differing}}</th></tr></thead>
<tbody>{{#references}}<tr><td class="n">{{rank}}</td><td>{{region}}</td><td>{{country}}</td><td class="n">{{distance}}</td><td class="n">{{similarity}}</td><td>{{closest}}</td><td>{{differing}}</td></tr>
{{/references}}</tbody></table>
<h3>{{t.references_chart}}</h3>
{{{referenceChart}}}
<details><summary>{{t.table_fallback}}</summary>
<table><thead><tr><th>{{t.references_region}}</th>{{#dimensionHeaders}}<th>{{label}}</th>{{/dimensionHeaders}}</tr></thead>
<tbody>{{#references}}<tr><td>{{region}}</td>{{#dimensions}}<td class="n">{{value}}</td>{{/dimensions}}</tr>
{{/references}}</tbody></table></details>
</section>
<section id="gaps"><h2>{{t.section_gaps}}</h2>
{{#hasGaps}}<p>{{t.gaps_intro}}</p>
<table><colgroup><col style="width:30%"><col style="width:11%"><col style="width:11%"><col style="width:16%"><col style="width:11%"><col style="width:9%"><col style="width:12%"></colgroup>
<thead><tr><th>{{t.gaps_indicator}}</th><th>{{t.gaps_value}}</th><th>{{t.gaps_median}}</th><th>{{t.gaps_quartiles}}</th><th>{{t.gaps_percentile}}</th><th>{{t.gaps_gap}}</th><th>{{t.gaps_bestPeer}}</th></tr></thead>
<tbody>{{#gaps}}<tr><td>{{indicator}}</td><td class="n">{{value}}</td><td class="n">{{median}}</td><td class="n">{{quartiles}}</td><td class="n">{{percentile}}</td><td class="n">{{gap}}</td><td>{{bestPeer}}</td></tr>
{{/gaps}}</tbody></table>{{/hasGaps}}
{{^hasGaps}}<p>{{t.gaps_none}}</p>{{/hasGaps}}
</section>
<section id="strengths"><h2>{{t.section_strengths}}</h2>
{{#hasActivities}}<p>{{strengthsIntro}}</p>
{{#hasStrengths}}<table><colgroup><col style="width:40%"><col style="width:10%"><col style="width:14%"><col style="width:10%"><col style="width:16%"><col style="width:10%"></colgroup>
<thead><tr><th>{{t.strengths_activity}}</th><th>{{t.strengths_stars}}</th><th>{{t.strengths_lq}}</th><th>{{t.strengths_share}}</th><th>{{t.strengths_trend}}</th><th>{{t.strengths_pci}}</th></tr></thead>
<tbody>{{#strengths}}<tr><td>{{activity}}</td><td>{{stars}}</td><td class="n">{{lq}}</td><td class="n">{{share}}</td><td class="n">{{trend}}</td><td class="n">{{pci}}</td></tr>
{{/strengths}}</tbody></table>{{/hasStrengths}}
{{^hasStrengths}}<p>{{t.strengths_empty}}</p>{{/hasStrengths}}{{/hasActivities}}
{{^hasActivities}}<p>{{t.strengths_none}}</p>{{/hasActivities}}
</section>
<section id="candidates"><h2>{{t.section_candidates}}</h2>
{{#hasActivities}}<p>{{candidatesIntro}}</p>
{{#hasSetAside}}<p class="note">{{setAsideText}}</p>{{/hasSetAside}}
{{#hasEntryModel}}<p class="note">{{entryText}}</p>{{/hasEntryModel}}
{{#hasEvidence}}<div class="evidence"><h3>{{t.evidence_title}}</h3><p>{{evidenceText}}</p></div>{{/hasEvidence}}
<h3>{{t.candidates_chart}}</h3>
{{{nicheChart}}}
<table><colgroup><col style="width:24%"><col style="width:9%"><col style="width:9%"><col style="width:8%"><col style="width:8%"><col style="width:22%"><col style="width:20%"></colgroup>
<thead><tr><th>{{t.candidates_activity}}</th><th>{{t.candidates_entry}}</th><th>{{t.candidates_density}}</th><th>{{t.candidates_pci}}</th><th>{{t.candidates_cog}}</th><th>{{t.candidates_frontier}}</th><th>{{t.candidates_related}}</th></tr></thead>
<tbody>{{#candidates}}<tr><td>{{activity}}</td><td class="n">{{entry}}</td><td class="n">{{density}}</td><td class="n">{{pci}}</td><td class="n">{{cog}}</td><td>{{quadrant}}</td><td>{{related}}</td></tr>
{{/candidates}}</tbody></table>{{/hasActivities}}
{{^hasActivities}}<p>{{t.strengths_none}}</p>{{/hasActivities}}
</section>
<section id="futures"><h2>{{t.section_futures}}</h2>
{{#hasFutures}}<p>{{futuresIntro}}</p>
<table><colgroup><col style="width:12%"><col style="width:10%"><col style="width:78%"></colgroup>
<thead><tr><th>{{t.futures_scenario}}</th><th>{{t.futures_weight}}</th><th>{{t.futures_description}}</th></tr></thead>
<tbody>{{#scenarios}}<tr><td>{{id}}</td><td class="n">{{weight}}</td><td>{{description}}{{#hasSupport}}<br><small>{{support}}</small>{{/hasSupport}}</td></tr>
{{/scenarios}}</tbody></table>
{{#tableau}}<h3>{{t.futures_tableau}}</h3>
{{{tableau}}}{{/tableau}}
<h3>{{t.futures_chart}}</h3>
{{{heatMap}}}
<table><thead><tr><th>{{t.futures_priority}}</th><th>{{t.futures_expected}}</th><th>{{t.futures_worst}}</th><th>{{t.futures_robustness}}</th></tr></thead>
<tbody>{{#priorities}}<tr><td>{{label}}</td><td class="n">{{expected}}</td><td class="n">{{worst}}</td><td>{{robustness}}</td></tr>
{{/priorities}}</tbody></table>
<details><summary>{{t.table_fallback}}</summary>
<table><thead><tr><th>{{t.futures_priority}}</th>{{#scenarioIDs}}<th>{{id}}</th>{{/scenarioIDs}}</tr></thead>
<tbody>{{#priorities}}<tr><td>{{label}}</td>{{#scores}}<td class="n">{{value}}</td>{{/scores}}</tr>
{{/priorities}}</tbody></table></details>{{/hasFutures}}
{{^hasFutures}}<p>{{t.futures_none}}</p>{{/hasFutures}}
</section>
<section id="recommendations"><h2>{{t.section_recommendations}}</h2>
{{#hasRecommendations}}<p>{{t.recommendations_intro}}</p>
{{#recommendations}}<div class="priority"><h3>{{rank}}. {{title}}</h3>
<p class="kind">{{kind}}. {{confidence}}</p>
<ul>{{#reasons}}<li>{{mark}} {{text}}</li>{{/reasons}}</ul></div>
{{/recommendations}}{{/hasRecommendations}}
{{^hasRecommendations}}<p>{{t.recommendations_none}}</p>{{/hasRecommendations}}
</section>
<section id="partners"><h2>{{t.section_partners}}</h2>
{{#hasPartners}}<p>{{t.partners_intro}}</p>
<table><colgroup><col style="width:28%"><col style="width:36%"><col style="width:36%"></colgroup>
<thead><tr><th>{{t.partners_activity}}</th><th>{{t.partners_learn}}</th><th>{{t.partners_cooperate}}</th></tr></thead>
<tbody>{{#partners}}<tr><td>{{activity}}</td><td>{{learn}}</td><td>{{cooperate}}</td></tr>
{{/partners}}</tbody></table>{{/hasPartners}}
{{^hasPartners}}<p>{{t.partners_none}}</p>{{/hasPartners}}
</section>
<section id="method"><h2>{{t.section_method}}</h2>
<p>{{t.method_intro}}</p>
<table><colgroup><col style="width:26%"><col style="width:74%"></colgroup><tbody>
{{#method}}<tr><th>{{label}}</th><td class="mono">{{value}}</td></tr>
{{/method}}<tr><th>{{t.method_command}}</th><td><code>{{commandRaw}}</code></td></tr>
</tbody></table>
<h3>{{t.method_parameters}}</h3>
<table><colgroup><col style="width:60%"><col style="width:40%"></colgroup><tbody>
{{#parameters}}<tr><td>{{label}}</td><td><code>{{value}}</code></td></tr>
{{/parameters}}</tbody></table>
<h3>{{t.method_methodology}}</h3>
<ul>{{#methodology}}<li><code>{{path}}</code></li>{{/methodology}}</ul>
{{#hasWarnings}}<h3>{{t.method_warnings}}</h3><ul>{{#warnings}}<li>{{text}}</li>{{/warnings}}</ul>{{/hasWarnings}}
</section>
</main>
</body>
</html>

"""#

    static let markdown = #"""
{{% CONTENT_TYPE: TEXT}}
# {{title}}

**{{subtitle}}**

{{dataset}}
{{#synthetic}}

> **{{t.sheet_synthetic}}**
{{/synthetic}}

## {{t.section_profile}}

{{profileIntro}}

| {{t.profile_indicator}} | {{t.profile_dimension}} | {{t.profile_role}} | {{t.profile_value}} | {{t.profile_percentile}} | {{t.profile_rank}} |
|---|---|---|--:|--:|--:|
{{#profile}}
| {{indicator}} | {{dimension}} | {{role}} | {{value}} | {{percentile}} | {{rank}} |
{{/profile}}

## {{t.section_references}}

{{referencesIntro}}

| {{t.references_rank}} | {{t.references_region}} | {{t.references_country}} | {{t.references_distance}} | {{t.references_similarity}} | {{t.references_closest}} | {{t.references_differing}} |
|--:|---|---|--:|--:|---|---|
{{#references}}
| {{rank}} | {{region}} | {{country}} | {{distance}} | {{similarity}} | {{closest}} | {{differing}} |
{{/references}}

## {{t.section_gaps}}

{{#hasGaps}}
{{t.gaps_intro}}

| {{t.gaps_indicator}} | {{t.gaps_value}} | {{t.gaps_median}} | {{t.gaps_quartiles}} | {{t.gaps_percentile}} | {{t.gaps_gap}} | {{t.gaps_bestPeer}} |
|---|--:|--:|--:|--:|--:|---|
{{#gaps}}
| {{indicator}} | {{value}} | {{median}} | {{quartiles}} | {{percentile}} | {{gap}} | {{bestPeer}} |
{{/gaps}}
{{/hasGaps}}
{{^hasGaps}}
{{t.gaps_none}}
{{/hasGaps}}

## {{t.section_strengths}}

{{#hasActivities}}
{{strengthsIntro}}

{{#hasStrengths}}
| {{t.strengths_activity}} | {{t.strengths_stars}} | {{t.strengths_lq}} | {{t.strengths_share}} | {{t.strengths_trend}} | {{t.strengths_pci}} |
|---|---|--:|--:|--:|--:|
{{#strengths}}
| {{activity}} | {{stars}} | {{lq}} | {{share}} | {{trend}} | {{pci}} |
{{/strengths}}
{{/hasStrengths}}
{{^hasStrengths}}
{{t.strengths_empty}}
{{/hasStrengths}}
{{/hasActivities}}
{{^hasActivities}}
{{t.strengths_none}}
{{/hasActivities}}

## {{t.section_candidates}}

{{#hasActivities}}
{{candidatesIntro}}
{{#hasSetAside}}

{{setAsideText}}
{{/hasSetAside}}
{{#hasEntryModel}}

{{entryText}}
{{/hasEntryModel}}
{{#hasEvidence}}

> **{{t.evidence_title}}.** {{evidenceText}}
{{/hasEvidence}}

| {{t.candidates_activity}} | {{t.candidates_entry}} | {{t.candidates_density}} | {{t.candidates_pci}} | {{t.candidates_cog}} | {{t.candidates_frontier}} | {{t.candidates_related}} |
|---|--:|--:|--:|--:|---|---|
{{#candidates}}
| {{activity}} | {{entry}} | {{density}} | {{pci}} | {{cog}} | {{quadrant}} | {{related}} |
{{/candidates}}
{{/hasActivities}}
{{^hasActivities}}
{{t.strengths_none}}
{{/hasActivities}}

## {{t.section_futures}}

{{#hasFutures}}
{{futuresIntro}}

| {{t.futures_scenario}} | {{t.futures_weight}} | {{t.futures_description}} |
|---|--:|---|
{{#scenarios}}
| {{id}} | {{weight}} | {{description}}{{#hasSupport}} ({{support}}){{/hasSupport}} |
{{/scenarios}}

| {{t.futures_priority}} | {{t.futures_expected}} | {{t.futures_worst}} | {{t.futures_robustness}} |{{#scenarioIDs}} {{id}} |{{/scenarioIDs}}
|---|--:|--:|---|{{#scenarioIDs}}--:|{{/scenarioIDs}}
{{#priorities}}
| {{label}} | {{expected}} | {{worst}} | {{robustness}} |{{#scores}} {{value}} |{{/scores}}
{{/priorities}}
{{/hasFutures}}
{{^hasFutures}}
{{t.futures_none}}
{{/hasFutures}}

## {{t.section_recommendations}}

{{#hasRecommendations}}
{{t.recommendations_intro}}

{{#recommendations}}
### {{rank}}. {{title}}

*{{kind}}.* {{confidence}}

{{#reasons}}
- {{mark}} {{text}}
{{/reasons}}

{{/recommendations}}
{{/hasRecommendations}}
{{^hasRecommendations}}
{{t.recommendations_none}}
{{/hasRecommendations}}

## {{t.section_partners}}

{{#hasPartners}}
{{t.partners_intro}}

| {{t.partners_activity}} | {{t.partners_learn}} | {{t.partners_cooperate}} |
|---|---|---|
{{#partners}}
| {{activity}} | {{learn}} | {{cooperate}} |
{{/partners}}
{{/hasPartners}}
{{^hasPartners}}
{{t.partners_none}}
{{/hasPartners}}

## {{t.section_method}}

{{t.method_intro}}

{{#method}}
- **{{label}}:** {{value}}
{{/method}}
- **{{t.method_command}}:**

```
{{commandRaw}}
```

### {{t.method_parameters}}

{{#parameters}}
- {{label}}: {{value}}
{{/parameters}}

### {{t.method_methodology}}

{{#methodology}}
- {{path}}
{{/methodology}}
{{#hasWarnings}}

### {{t.method_warnings}}

{{#warnings}}
- {{text}}
{{/warnings}}
{{/hasWarnings}}

"""#
}
