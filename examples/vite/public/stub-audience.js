// Stand-in for an audience-measurement script: counts its runs.
window.__audienceRuns = (window.__audienceRuns || 0) + 1;
