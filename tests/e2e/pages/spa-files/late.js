window.ran = (window.ran || []).concat('late-external');
