"""The manager's DigComp self-assessment (the 15-minute card in knowledge/program/): one level per competence,
on the framework's level names, at the start and at the end of the programme. What was saved comes back when
the manager returns; HR's dashboard reads it as before/after. Each handler makes one desk call; the store lets
only the pair's manager rate themselves."""

from __future__ import annotations

from typing import Any

import gradio as gr

from companion.app_services import Desks
from companion.domain import (
    ASSESSMENT_MOMENTS,
    DIGCOMP_AREAS,
    DIGCOMP_COMPETENCES,
    SELF_LEVELS,
    AssessmentMoment,
    Language,
)
from companion.i18n import t
from companion.ui.common import HANDLED, Labels, friendly, username_of

LEVEL_CHOICES = [(f"self_level_{level}", level) for level in SELF_LEVELS]
MOMENT_CHOICES = [(f"assessment_{moment}", moment) for moment in ASSESSMENT_MOMENTS]


def build_assessment_panel(
    desks: Desks, language: gr.Radio, default_lang: Language, labels: Labels, pair: gr.Dropdown
) -> dict[str, Any]:
    manager = desks.manager
    blank = (None,) * len(DIGCOMP_COMPETENCES)

    def load(pair_id: int | None, moment: AssessmentMoment | None, lang: Language, request: gr.Request):
        """The levels saved for that moment (empty where none was given)."""
        if not pair_id:
            return ("", *blank)
        try:
            saved = manager.self_assessment(username_of(request), pair_id)
        except HANDLED as error:
            return (friendly(error, lang), *blank)
        levels = saved.after if moment == "after" else saved.before
        return ("", *(levels.get(code) for code in DIGCOMP_COMPETENCES))

    def save(pair_id: int | None, moment: AssessmentMoment | None, lang: Language, request: gr.Request, *levels):
        if not pair_id:
            return t(lang, "no_pairs")
        ratings = dict(zip(DIGCOMP_COMPETENCES, levels, strict=True))
        try:
            saved = manager.save_self_assessment(username_of(request), pair_id, moment or "before", ratings)
        except HANDLED as error:
            return friendly(error, lang)
        rated = saved.after if moment == "after" else saved.before
        return f"✅ {t(lang, 'assessment_saved', n=len(rated), total=len(DIGCOMP_COMPETENCES))}"

    with gr.Accordion(t(default_lang, "assessment"), open=False, elem_id="assessment") as accordion:
        labels.add(accordion, "assessment")
        labels.add(gr.Markdown(t(default_lang, "assessment_hint")), "assessment_hint", "value")
        moment = labels.add_choices(
            labels.add(
                gr.Radio(
                    [(t(default_lang, key), value) for key, value in MOMENT_CHOICES],
                    value="before",
                    label=t(default_lang, "assessment_moment"),
                    elem_id="assessment-moment",
                ),
                "assessment_moment",
            ),
            MOMENT_CHOICES,
        )
        radios = []
        for area in DIGCOMP_AREAS:
            heading = f"#### {area}. {{}}"
            labels.add(
                gr.Markdown(heading.format(t(default_lang, f"digcomp_area_{area}"))),
                f"digcomp_area_{area}",
                "value",
                heading,
            )
            for code in (c for c in DIGCOMP_COMPETENCES if c.split(".")[0] == area):
                label = f"{code} {{}}"
                radio = gr.Radio(
                    [(t(default_lang, key), value) for key, value in LEVEL_CHOICES],
                    value=None,
                    label=label.format(t(default_lang, f"competence_{code}")),
                    elem_id=f"assessment-{code.replace('.', '-')}",
                )
                radios.append(
                    labels.add_choices(labels.add(radio, f"competence_{code}", "label", label), LEVEL_CHOICES)
                )
        save_button = labels.add(
            gr.Button(t(default_lang, "assessment_save"), variant="primary", elem_id="assessment-save"),
            "assessment_save",
            "value",
        )
        status = gr.Markdown(elem_id="assessment-status")

    shown = [status, *radios]
    pair.change(load, [pair, moment, language], shown, api_name="self_assessment")
    moment.input(load, [pair, moment, language], shown, api_visibility="private")
    save_button.click(save, [pair, moment, language, *radios], status, api_name="save_assessment")
    return {"moment": moment}
