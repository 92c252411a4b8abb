window.ran = (window.ran || []).concat('analytics-ext');
